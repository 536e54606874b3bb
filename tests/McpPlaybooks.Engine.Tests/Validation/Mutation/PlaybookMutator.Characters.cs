namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>Operators on characters: indentation, stray punctuation, expression operators.</summary>
internal sealed partial class PlaybookMutator
{
    private static readonly string[] Shifts = ["+1", "-1", "+2", "-2", "+4", "-4", "tab", "+tab"];

    /// <summary>Moves a line left or right by 1, 2 or 4 spaces, or indents it with a tab.</summary>
    private void ShiftIndentation()
    {
        var line = PickLine(YamlLines.IsContent);
        var text = _lines[line];
        var indentation = YamlLines.Indentation(text);
        var content = text[indentation..];
        var shift = Pick(Shifts);
        _lines[line] = shift switch
        {
            "tab" => new string('\t', Math.Max(1, indentation / 2)) + content,
            "+tab" => "\t" + text,
            _ => new string(' ', Math.Max(0, indentation + int.Parse(shift, System.Globalization.CultureInfo.InvariantCulture))) + content,
        };
        Record(MutationOperator.ShiftIndentation, line, shift);
    }

    /// <summary>Inserts YAML punctuation at the start, the end, after the colon, or anywhere in a line; some as a line of their own.</summary>
    private void InsertPunctuation()
    {
        var line = PickLine(YamlLines.IsContent);
        var text = _lines[line];
        var token = Pick(MutationVocabulary.Punctuation);
        if (token is "---" or "..." or "<<: *a" or "%YAML 1.2" && _random.Next(2) == 0)
        {
            var indentation = token.StartsWith('<') ? new string(' ', YamlLines.Indentation(text)) : "";
            _lines.Insert(line, indentation + token);
            Record(MutationOperator.InsertPunctuation, line, $"new line {Excerpt(indentation + token)}");
            return;
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var at = _random.Next(4) switch
        {
            0 => YamlLines.Indentation(text),
            1 => text.Length,
            2 when colon >= 0 => colon + 2,
            _ => _random.Next(text.Length + 1),
        };
        _lines[line] = text.Insert(at, token);
        Record(MutationOperator.InsertPunctuation, line, $"{Excerpt(token)} at column {at + 1}");
    }

    /// <summary>Replaces an operator of an expression (<c>==</c>, <c>&amp;&amp;</c>, a parenthesis, a quote) with a wrong one.</summary>
    private void ReplaceOperator()
    {
        var candidates = new List<(int Line, int Index, int Length)>();
        for (var i = 0; i < _lines.Count; i++)
        {
            if (!_lines[i].Contains("{{", StringComparison.Ordinal) && !IsBareExpressionLine(_lines[i]))
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match match in YamlLines.ExpressionOperator().Matches(_lines[i]))
            {
                candidates.Add((i, match.Index, match.Length));
            }
        }

        if (candidates.Count == 0)
        {
            RetypeValue();
            return;
        }

        var (line, index, length) = Pick(candidates);
        var replacement = Pick(MutationVocabulary.Operators);
        var text = _lines[line];
        _lines[line] = string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + length));
        Record(MutationOperator.ReplaceOperator, line, $"'{text.Substring(index, length)}' -> {Excerpt(replacement)}");
    }

    private static bool IsBareExpressionLine(string line) =>
        YamlLines.KeyLine().Match(line) is { Success: true } key && key.Groups["key"].Value is "when" or "foreach" or "that";
}
