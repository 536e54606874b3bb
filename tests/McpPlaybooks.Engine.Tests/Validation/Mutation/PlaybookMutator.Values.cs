namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>Structural operators on keys and values: retype a value, rename a key.</summary>
internal sealed partial class PlaybookMutator
{
    /// <summary>Replaces a value (after <c>key:</c> or <c>- </c>) with one of another type or a hostile shape.</summary>
    private void RetypeValue()
    {
        var line = PickLine(l => HasValue(l) || YamlLines.KeyLine().IsMatch(l));
        var value = Pick(MutationVocabulary.Values);
        var text = _lines[line];
        var key = YamlLines.KeyLine().Match(text);
        var item = YamlLines.ItemLine().Match(text);
        if (key.Success)
        {
            // A key whose value is a block below it gets a scalar as well: the block then no longer fits.
            _lines[line] = $"{key.Groups["lead"].Value}{key.Groups["key"].Value}: {value}";
        }
        else if (item.Success)
        {
            _lines[line] = item.Groups["lead"].Value + value;
        }
        else
        {
            _lines[line] = new string(' ', YamlLines.Indentation(text)) + value;
        }

        Record(MutationOperator.RetypeValue, line, $"-> {Excerpt(value)}");
    }

    /// <summary>Renames a key: a typo, another key of the format, a key from elsewhere in the document, or a key that is not a word.</summary>
    private void RenameKey()
    {
        var line = PickLine(l => YamlLines.KeyLine().IsMatch(l));
        var match = YamlLines.KeyLine().Match(_lines[line]);
        if (!match.Success)
        {
            RetypeValue();
            return;
        }

        var key = match.Groups["key"].Value;
        var renamed = _random.Next(4) switch
        {
            0 => Typo(key),
            1 => Pick(MutationVocabulary.Keys),
            2 => KeyFromElsewhere() ?? Typo(key),
            _ => Pick(MutationVocabulary.OddKeys),
        };
        _lines[line] = $"{match.Groups["lead"].Value}{renamed}:{match.Groups["rest"].Value}";
        Record(MutationOperator.RenameKey, line, $"'{key}' -> {Excerpt(renamed)}");
    }

    private string Typo(string key)
    {
        var at = _random.Next(key.Length);
        return _random.Next(7) switch
        {
            0 when key.Length > 1 => key.Remove(at, 1),
            1 => key.Insert(at, key[at].ToString()),
            2 when at + 1 < key.Length => string.Concat(key.AsSpan(0, at), key.AsSpan(at + 1, 1), key.AsSpan(at, 1), key.AsSpan(at + 2)),
            3 => string.Concat(key.AsSpan(0, at), ((char)('a' + _random.Next(26))).ToString(), key.AsSpan(at + 1)),
            4 => key.ToUpperInvariant(),
            5 => key.Contains('_', StringComparison.Ordinal) ? key.Replace('_', '-') : key.Replace('-', '_'),
            _ => key + "s",
        };
    }

    private string? KeyFromElsewhere()
    {
        var keys = _lines.Select(l => YamlLines.KeyLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value).Distinct().ToList();
        return keys.Count == 0 ? null : Pick(keys);
    }

    private static bool HasValue(string line)
    {
        if (YamlLines.KeyLine().Match(line) is { Success: true } key)
        {
            var rest = key.Groups["rest"].Value.Trim();
            return rest.Length > 0 && !rest.StartsWith('#');
        }

        return YamlLines.ItemLine().IsMatch(line);
    }
}
