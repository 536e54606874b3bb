namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>
/// Damages a playbook's text in the ways people and tools do: lines and blocks deleted, duplicated or
/// swapped, values of the wrong type, misspelt keys, broken indentation, stray punctuation, mangled
/// expression operators, a truncated file, or two or three of these at once. Everything derives from
/// one seed, so that <c>new PlaybookMutator(seed).Mutate(document)</c> always makes the same mutant.
/// </summary>
internal sealed partial class PlaybookMutator(int seed)
{
    private static readonly MutationOperator[] Single = [.. Enum.GetValues<MutationOperator>().Where(o => o != MutationOperator.Combine)];

    private readonly Random _random = new(seed);
    private readonly List<string> _operations = [];
    private List<string> _lines = [];
    private int _focus;

    public Mutant Mutate(SeedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _lines = YamlLines.Split(document.Text);
        _operations.Clear();
        _focus = 0;

        // About one mutant in six combines two or three operators.
        var chosen = _random.Next(6) == 0 ? MutationOperator.Combine : Pick(Single);
        if (chosen == MutationOperator.Combine)
        {
            var count = _random.Next(2, 4);
            for (var i = 0; i < count; i++)
            {
                Apply(Pick(Single));
            }
        }
        else
        {
            Apply(chosen);
        }

        return new Mutant(document.Name, seed, YamlLines.Join(_lines), [.. _operations], _focus + 1);
    }

    private void Apply(MutationOperator mutation)
    {
        if (_lines.Count == 0 || (_lines.Count == 1 && _lines[0].Length == 0))
        {
            // Nothing left to damage (a truncation emptied the document).
            _operations.Add($"{Name(mutation)} skipped on an empty document");
            return;
        }

        switch (mutation)
        {
            case MutationOperator.DeleteLine:
                DeleteLine();
                break;
            case MutationOperator.DuplicateLine:
                DuplicateLine();
                break;
            case MutationOperator.DeleteBlock:
                DeleteBlock();
                break;
            case MutationOperator.DuplicateBlock:
                DuplicateBlock();
                break;
            case MutationOperator.RetypeValue:
                RetypeValue();
                break;
            case MutationOperator.RenameKey:
                RenameKey();
                break;
            case MutationOperator.Truncate:
                Truncate();
                break;
            case MutationOperator.ShiftIndentation:
                ShiftIndentation();
                break;
            case MutationOperator.InsertPunctuation:
                InsertPunctuation();
                break;
            case MutationOperator.SwapLines:
                SwapLines();
                break;
            case MutationOperator.ReplaceOperator:
                ReplaceOperator();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "not a single operator");
        }
    }

    private void Record(MutationOperator mutation, int line, string detail)
    {
        _focus = Math.Clamp(line, 0, Math.Max(0, _lines.Count - 1));
        _operations.Add($"{Name(mutation)} line {line + 1}{(detail.Length > 0 ? " " + detail : "")}");
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A random line that satisfies <paramref name="predicate"/>, or any line when none does.</summary>
    private int PickLine(Func<string, bool> predicate)
    {
        var candidates = Enumerable.Range(0, _lines.Count).Where(i => predicate(_lines[i])).ToList();
        return candidates.Count > 0 ? Pick(candidates) : _random.Next(_lines.Count);
    }

    private static string Name(MutationOperator mutation) => mutation switch
    {
        MutationOperator.DeleteLine => "delete-line",
        MutationOperator.DuplicateLine => "duplicate-line",
        MutationOperator.DeleteBlock => "delete-block",
        MutationOperator.DuplicateBlock => "duplicate-block",
        MutationOperator.RetypeValue => "retype-value",
        MutationOperator.RenameKey => "rename-key",
        MutationOperator.Truncate => "truncate",
        MutationOperator.ShiftIndentation => "shift-indentation",
        MutationOperator.InsertPunctuation => "insert-punctuation",
        MutationOperator.SwapLines => "swap-lines",
        MutationOperator.ReplaceOperator => "replace-operator",
        _ => "combine",
    };

    private static string Excerpt(string text) =>
        "'" + (text.Length > 40 ? text[..37] + "..." : text).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";
}
