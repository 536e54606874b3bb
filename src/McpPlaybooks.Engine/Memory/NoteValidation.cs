namespace McpPlaybooks.Engine.Memory;

/// <summary>Checks a note's fields against <see cref="NoteLimits"/>; throws <see cref="NoteRejectedException"/> naming the field.</summary>
internal static class NoteValidation
{
    public static (string Text, IReadOnlyList<string> Tags, string Author) Check(string text, IReadOnlyList<string>? tags, string? playbookId, string? executionId, string author)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new NoteRejectedException("text", "The note's text is empty: write what was learnt, in a sentence or two.");
        }

        if (trimmed.Length > NoteLimits.MaxTextLength)
        {
            throw new NoteRejectedException("text", $"The note's text has {trimmed.Length} characters, over {NoteLimits.MaxTextLength}: shorten it, or split it into several notes.");
        }

        var cleaned = (tags ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cleaned.Count > NoteLimits.MaxTags)
        {
            throw new NoteRejectedException("tags", $"The note has {cleaned.Count} tags, over {NoteLimits.MaxTags}: keep the most telling ones.");
        }

        if (cleaned.FirstOrDefault(t => t.Length > NoteLimits.MaxTagLength) is { } longTag)
        {
            throw new NoteRejectedException("tags", $"The tag '{longTag[..20]}…' has {longTag.Length} characters, over {NoteLimits.MaxTagLength}: use a short word or phrase.");
        }

        if (playbookId is { } id && (id.Trim().Length == 0 || id.Length > NoteLimits.MaxTagLength * 4))
        {
            throw new NoteRejectedException("playbook_id", "The playbook id is empty or too long: give the id of a playbook, or leave it out.");
        }

        if (executionId is { } execution && (execution.Trim().Length == 0 || execution.Length > 100))
        {
            throw new NoteRejectedException("execution_id", "The execution id is empty or too long: give the id of an execution (list_executions shows them), or leave it out.");
        }

        var who = author?.Trim() ?? "";
        if (who.Length == 0 || who.Length > NoteLimits.MaxAuthorLength)
        {
            throw new NoteRejectedException("author", $"The author must have 1 to {NoteLimits.MaxAuthorLength} characters.");
        }

        return (trimmed, cleaned, who);
    }
}
