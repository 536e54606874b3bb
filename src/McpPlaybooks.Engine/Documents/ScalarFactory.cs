using YamlScalar = YamlDotNet.Core.Events.Scalar;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace McpPlaybooks.Engine.Documents;

/// <summary>Makes <see cref="ScalarNode"/>s: their type, and where their content lies in the source, line by line.</summary>
internal sealed class ScalarFactory(string text)
{
    private string[]? _lines;

    public ScalarNode Create(YamlScalar scalar, string path)
    {
        var location = DocumentReader.ToLocation(scalar.Start);
        var style = scalar.Style switch
        {
            YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
            YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
            YamlScalarStyle.Literal => ScalarStyle.Literal,
            YamlScalarStyle.Folded => ScalarStyle.Folded,
            _ => ScalarStyle.Plain,
        };
        var type = ScalarResolver.Resolve(scalar.Value, style == ScalarStyle.Plain, scalar.Tag.IsEmpty ? null : scalar.Tag.Value);
        var singleLine = scalar.Start.Line == scalar.End.Line;
        var contentStart = ContentStart(location, style);
        var segments = singleLine || style == ScalarStyle.Literal ? null : Segments(contentStart, (int)scalar.End.Line);
        return new ScalarNode(location, path, scalar.Value, type, style, contentStart, singleLine, segments);
    }

    /// <summary>The content of each source line of a multi-line scalar, from its first character to its last one.</summary>
    private List<ScalarSegment> Segments(SourceLocation contentStart, int endLine)
    {
        _lines ??= text.Split('\n');
        var segments = new List<ScalarSegment>();
        for (var line = contentStart.Line; line <= Math.Min(endLine, _lines.Length); line++)
        {
            var content = _lines[line - 1].TrimEnd('\r');
            var first = line == contentStart.Line ? Math.Min(contentStart.Column - 1, content.Length) : content.Length - content.TrimStart(' ', '\t').Length;
            var length = Math.Max(0, content.TrimEnd(' ', '\t').Length - first);
            segments.Add(new ScalarSegment(new SourceLocation(line, first + 1), length));
        }

        return segments;
    }

    private SourceLocation ContentStart(SourceLocation start, ScalarStyle style)
    {
        switch (style)
        {
            case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted:
                return start.Offset(1);
            case ScalarStyle.Literal or ScalarStyle.Folded:
                // The content starts on the first non-blank line after the indicator.
                _lines ??= text.Split('\n');
                for (var line = start.Line; line < _lines.Length; line++)
                {
                    var content = _lines[line].TrimEnd('\r');
                    var indent = content.Length - content.TrimStart(' ').Length;
                    if (indent < content.Length)
                    {
                        return new SourceLocation(line + 1, indent + 1);
                    }
                }

                return start;
            default:
                return start;
        }
    }
}
