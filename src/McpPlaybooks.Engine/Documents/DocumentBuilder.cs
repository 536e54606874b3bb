using McpPlaybooks.Engine.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace McpPlaybooks.Engine.Documents;

/// <summary>Turns YamlDotNet's parsing events into a <see cref="DocumentNode"/> tree, without recursion.</summary>
internal sealed class DocumentBuilder(string text, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, DocumentNode> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> _stack = new();
    private readonly ScalarFactory _scalars = new(text);
    private int _nodes;
    private DocumentNode? _root;

    /// <summary>Where the innermost mapping or list still open starts, when any is.</summary>
    public SourceLocation? InnermostOpen => _stack.Count > 0 ? _stack.Peek().Location : null;

    public DocumentNode? Build()
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var documents = 0;
        while (MoveNext(parser, scanner))
        {
            switch (parser.Current)
            {
                case DocumentStart start when !start.IsImplicit || documents > 0:
                    if (++documents > 1)
                    {
                        diagnostics.Add(Problems.Error(
                            DiagnosticCodes.YamlSyntax,
                            "a playbook file holds one document, but a second one starts here",
                            DocumentReader.ToLocation(start.Start),
                            "",
                            "remove the '---' and what follows it, or move it to its own file"));
                        return _root;
                    }

                    break;
                case DocumentStart:
                    documents++;
                    break;
                case YamlScalar scalar:
                    Add(CreateScalar(scalar), scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                    break;
                case AnchorAlias alias:
                    Add(Resolve(alias), null);
                    break;
                case MappingStart mapping:
                    Open(new Frame(true, DocumentReader.ToLocation(mapping.Start), NextPath(), mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value));
                    break;
                case SequenceStart sequence:
                    Open(new Frame(false, DocumentReader.ToLocation(sequence.Start), NextPath(), sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value));
                    break;
                case MappingEnd or SequenceEnd:
                    Close();
                    break;
            }
        }

        return _root;
    }

    /// <summary>
    /// Advances the parser. YamlDotNet throws a bare <see cref="InvalidOperationException"/>, not a
    /// <see cref="YamlException"/>, when a plain scalar inside an unclosed <c>[</c> or <c>{</c> runs onto a line
    /// indented less than its block (<c>a: [x</c> then <c>b: 1</c>): a syntax error, located where the scanner stopped.
    /// </summary>
    private bool MoveNext(Parser parser, Scanner scanner)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException e)
        {
            var position = scanner.CurrentPosition;
            var opened = InnermostOpen is { } open ? $"the '[' or '{{' opened at line {open.Line}, column {open.Column}" : "a '[' or '{' opened above";
            throw new YamlException(position, position, $"{opened} is not closed before this line", e);
        }
    }

    private string NextPath()
    {
        if (_stack.Count == 0)
        {
            return "";
        }

        var frame = _stack.Peek();
        if (!frame.IsMapping)
        {
            return DocumentNode.Item(frame.Path, frame.Items.Count);
        }

        return frame.PendingKey is null ? frame.Path : DocumentNode.Child(frame.Path, frame.PendingKey.Text);
    }

    private void Open(Frame frame)
    {
        if (_stack.Count >= DocumentLimits.MaxDepth)
        {
            throw new DocumentLimitException(
                $"the document nests deeper than {DocumentLimits.MaxDepth} levels",
                frame.Location,
                "flatten the structure");
        }

        Count(frame.Location);
        _stack.Push(frame);
    }

    private void Close()
    {
        var frame = _stack.Pop();
        DocumentNode node = frame.IsMapping
            ? new MappingNode(frame.Location, frame.Path, frame.Entries)
            : new SequenceNode(frame.Location, frame.Path, frame.Items);
        if (frame.Anchor is not null)
        {
            _anchors[frame.Anchor] = node;
        }

        Attach(node);
    }

    private void Add(DocumentNode node, string? anchor)
    {
        if (anchor is not null)
        {
            _anchors[anchor] = node;
        }

        Attach(node);
    }

    private void Attach(DocumentNode node)
    {
        if (_stack.Count == 0)
        {
            _root = node;
            return;
        }

        var frame = _stack.Peek();
        if (!frame.IsMapping)
        {
            frame.Items.Add(node);
            return;
        }

        if (frame.PendingKey is null)
        {
            frame.PendingKey = node as ScalarNode ?? ComplexKey(node);
            return;
        }

        var key = frame.PendingKey;
        frame.PendingKey = null;
        if (frame.Seen.TryGetValue(key.Text, out var first))
        {
            diagnostics.Add(Problems.Error(
                DiagnosticCodes.DuplicateKey,
                $"duplicate key '{key.Text}': it is already given at line {first.Line}, column {first.Column}",
                key.Location,
                DocumentNode.Child(frame.Path, key.Text),
                $"remove one of the two '{key.Text}' keys"));
            return;
        }

        frame.Seen.Add(key.Text, key.Location);
        frame.Entries.Add(new MappingEntry(key, node));
    }

    private ScalarNode ComplexKey(DocumentNode node)
    {
        diagnostics.Add(Problems.Error(
            DiagnosticCodes.YamlSyntax,
            $"a key must be a plain string, not {node.KindName}",
            node,
            "write the key as a simple word"));
        return new ScalarNode(node.Location, node.Path, $"<{node.KindName} key>", ScalarType.String, ScalarStyle.Plain, node.Location, true);
    }

    private ScalarNode CreateScalar(YamlScalar scalar)
    {
        Count(DocumentReader.ToLocation(scalar.Start));
        return _scalars.Create(scalar, NextPath());
    }

    private DocumentNode Resolve(AnchorAlias alias)
    {
        var location = DocumentReader.ToLocation(alias.Start);
        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
        {
            throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value.Value}' names no anchor defined before it");
        }

        return Clone(target, NextPath(), location);
    }

    /// <summary>Copies an anchored node under the alias's path, so that every use counts against the node budget.</summary>
    private DocumentNode Clone(DocumentNode node, string path, SourceLocation location)
    {
        Count(location);
        switch (node)
        {
            case MappingNode mapping:
                var entries = new List<MappingEntry>(mapping.Entries.Count);
                foreach (var entry in mapping.Entries)
                {
                    entries.Add(entry with { Value = Clone(entry.Value, DocumentNode.Child(path, entry.Name), entry.Value.Location) });
                }

                return new MappingNode(location, path, entries);
            case SequenceNode sequence:
                var items = new List<DocumentNode>(sequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    items.Add(Clone(sequence.Items[i], DocumentNode.Item(path, i), sequence.Items[i].Location));
                }

                return new SequenceNode(location, path, items);
            case ScalarNode scalar:
                return new ScalarNode(location, path, scalar.Text, scalar.Type, scalar.Style, scalar.LocationOf(0), true);
            default:
                throw new InvalidOperationException($"unexpected node {node.GetType().Name}");
        }
    }

    private void Count(SourceLocation location)
    {
        if (++_nodes > DocumentLimits.MaxNodes)
        {
            throw new DocumentLimitException(
                $"the document has more than {DocumentLimits.MaxNodes:N0} nodes (aliases count each time they are used)",
                location,
                "make the playbook smaller, or use fewer aliases of large anchors");
        }
    }

    private sealed class Frame(bool isMapping, SourceLocation location, string path, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public SourceLocation Location { get; } = location;

        public string Path { get; } = path;

        public string? Anchor { get; } = anchor;

        public List<MappingEntry> Entries { get; } = [];

        public List<DocumentNode> Items { get; } = [];

        public Dictionary<string, SourceLocation> Seen { get; } = new(StringComparer.Ordinal);

        public ScalarNode? PendingKey { get; set; }
    }
}
