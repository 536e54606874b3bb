using System.Globalization;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Mcp.Tools.Framework;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>
/// Checks the ids the memory tools are given: a playbook is known when the catalogue has it or the memory has runs of
/// it (a playbook whose file is gone keeps its past); a <c>since</c> is an ISO-8601 date/time or a duration back from now.
/// </summary>
internal static class MemoryLookup
{
    /// <summary>
    /// Throws <see cref="ToolErrorException"/> naming the known ids when neither the catalogue nor the memory knows
    /// <paramref name="playbookId"/>; the message ends with <paramref name="next"/>, what to call then (by default: the tool
    /// again with one of them, or without playbook_id for all playbooks).
    /// </summary>
    public static async Task RequirePlaybookAsync(PlaybookEngine engine, CatalogSnapshot snapshot, string playbookId, string tool, CancellationToken cancellationToken, string? next = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Versions(playbookId).Count > 0)
        {
            return;
        }

        var withHistory = await engine.Memory.GetTrackRecordsAsync(cancellationToken).ConfigureAwait(false);
        if (withHistory.ContainsKey(playbookId))
        {
            return;
        }

        var known = snapshot.Ids.Concat(withHistory.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var hint = Suggestions.DidYouMean(playbookId, known);
        var listed = known.Count == 0
            ? "there are no playbooks yet"
            : "known ids: " + string.Join(", ", known.Take(20)) + (known.Count > 20 ? $", and {known.Count - 20} more" : "");
        throw new ToolErrorException(
            $"no playbook '{playbookId}' in the catalogue or the memory{(hint.Length > 0 ? "; " + hint : "")} ({listed}). "
            + (next ?? $"Call {tool} again with one of them, or without playbook_id for all playbooks."));
    }

    /// <summary>
    /// The instant <paramref name="text"/> stands for: a duration back from <paramref name="now"/> (<c>7d</c>, <c>24h</c>,
    /// <c>30m</c>) or an ISO-8601 date or date/time (UTC unless it says otherwise); null when absent.
    /// </summary>
    public static DateTimeOffset? Since(string? text, DateTimeOffset now, string tool)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (Durations.TryParse(trimmed, out var back) && back > TimeSpan.Zero)
        {
            return now - back;
        }

        if (trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0]) && trimmed[4] == '-'
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at <= now
                ? at
                : throw new ToolErrorException($"since '{text}' is in the future; give a past date (2026-11-01) or a duration back from now (7d). Call {tool} again.");
        }

        throw new ToolErrorException(
            $"since '{text}' is neither an ISO-8601 date/time (2026-11-01 or 2026-11-01T08:00:00Z) nor a duration back from now "
            + $"(7d, 24h, 30m). Call {tool} again with, for example, since=\"7d\".");
    }
}
