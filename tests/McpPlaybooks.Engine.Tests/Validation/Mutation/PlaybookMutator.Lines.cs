namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>Operators on whole lines and blocks: delete, duplicate, swap, truncate.</summary>
internal sealed partial class PlaybookMutator
{
    private void DeleteLine()
    {
        var line = PickLine(YamlLines.IsContent);
        Record(MutationOperator.DeleteLine, line, Excerpt(_lines[line]));
        _lines.RemoveAt(line);
    }

    /// <summary>Repeats a line right below itself: a duplicate key, or a repeated list item.</summary>
    private void DuplicateLine()
    {
        var line = PickLine(YamlLines.IsContent);
        Record(MutationOperator.DuplicateLine, line, Excerpt(_lines[line]));
        _lines.Insert(line + 1, _lines[line]);
    }

    /// <summary>Deletes a line and the lines indented under it: a whole key, list item or step.</summary>
    private void DeleteBlock()
    {
        var line = PickLine(YamlLines.IsContent);
        var end = YamlLines.BlockEnd(_lines, line);
        Record(MutationOperator.DeleteBlock, line, $"({end - line} lines) {Excerpt(_lines[line])}");
        _lines.RemoveRange(line, end - line);
    }

    /// <summary>Repeats a block after itself: a repeated step (so a duplicate step id) or a duplicate key with its children.</summary>
    private void DuplicateBlock()
    {
        var line = PickLine(l => YamlLines.IsContent(l) && YamlLines.KeyLine().IsMatch(l));
        var end = YamlLines.BlockEnd(_lines, line);
        Record(MutationOperator.DuplicateBlock, line, $"({end - line} lines) {Excerpt(_lines[line])}");
        _lines.InsertRange(end, _lines.GetRange(line, end - line));
    }

    /// <summary>Swaps two lines, next to each other or anywhere.</summary>
    private void SwapLines()
    {
        var first = PickLine(YamlLines.IsContent);
        var second = _random.Next(2) == 0
            ? Math.Min(first + 1, _lines.Count - 1)
            : _random.Next(_lines.Count);
        Record(MutationOperator.SwapLines, first, $"with line {second + 1}");
        (_lines[first], _lines[second]) = (_lines[second], _lines[first]);
    }

    /// <summary>Cuts the document at a random character, as an interrupted write or copy would.</summary>
    private void Truncate()
    {
        var text = YamlLines.Join(_lines);
        var offset = _random.Next(text.Length + 1);
        _lines = YamlLines.Split(text[..offset]);
        Record(MutationOperator.Truncate, _lines.Count - 1, $"at character {offset} of {text.Length}");
    }
}
