using System.Globalization;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution.Guardrails;

/// <summary>
/// The start-time guardrails of <c>safety:</c> for a real run, checked in this order: <c>dry_run_first</c>,
/// <c>max_concurrent</c>, <c>max_executions_per_hour</c>. (<c>require_approval</c> is a gate and <c>blast_radius</c>
/// a limit on loops: the run itself enforces them.) Dry runs are never refused here.
/// </summary>
internal static class Guardrails
{
    /// <summary>How far back a dry run counts for <c>dry_run_first</c>, and the window of <c>max_executions_per_hour</c>.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromHours(1);

    /// <summary>Null when a real run of <paramref name="playbookId"/> may start now; else the first rule it breaks.</summary>
    public static GuardrailRefusal? Check(string playbookId, SafetyDefinition safety, GuardrailFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(safety);
        ArgumentNullException.ThrowIfNull(facts);
        return DryRunFirst(playbookId, safety, facts, now)
            ?? MaxConcurrent(playbookId, safety, facts)
            ?? MaxPerHour(playbookId, safety, facts, now);
    }

    private static GuardrailRefusal? DryRunFirst(string playbookId, SafetyDefinition safety, GuardrailFacts facts, DateTimeOffset now)
    {
        if (!safety.DryRunFirst || facts.LastMatchingDryRun is { } last && last > now - Window)
        {
            return null;
        }

        var seen = facts.LastMatchingDryRun is { } old
            ? $"the last successful dry run with these inputs ended at {Utc(old)}, more than an hour ago"
            : "there is no successful dry run of this version with these inputs in the last hour";
        return new(
            "dry_run_first",
            $"refused by safety.dry_run_first of playbook {playbookId}: {seen}. Call execute_playbook with dry_run: true "
                + "and the same playbook version and inputs first, check its plan, then run it for real within the hour.",
            null);
    }

    private static GuardrailRefusal? MaxConcurrent(string playbookId, SafetyDefinition safety, GuardrailFacts facts)
    {
        if (safety.MaxConcurrent is not { } max || facts.ActiveExecutionIds.Count < max)
        {
            return null;
        }

        var active = facts.ActiveExecutionIds;
        var named = string.Join(", ", active.Take(3)) + (active.Count > 3 ? $" and {active.Count - 3} more" : "");
        return new(
            "max_concurrent",
            $"refused by safety.max_concurrent of playbook {playbookId}: {active.Count} of its executions are active "
                + $"and the limit is {max} ({named}). It may run when one of them ends, or cancel one with control_execution "
                + "action cancel; get_execution shows where each one stands.",
            null);
    }

    private static GuardrailRefusal? MaxPerHour(string playbookId, SafetyDefinition safety, GuardrailFacts facts, DateTimeOffset now)
    {
        if (safety.MaxExecutionsPerHour is not { } max)
        {
            return null;
        }

        // A start stamped after now counts too: another process recorded it, by a clock a little ahead of this one's.
        var inWindow = facts.StartsInLastHour.Where(s => s > now - Window).Order().ToList();
        if (inWindow.Count < max)
        {
            return null;
        }

        // The run may go once enough starts have left the window to bring the count below the limit.
        DateTimeOffset? retryAt = max > 0 ? inWindow[inWindow.Count - max] + Window : null;
        var when = retryAt is { } at ? $"It may run again at {Utc(at)}." : "With a limit of 0 it never runs for real; change the playbook's safety.";
        return new(
            "max_executions_per_hour",
            $"refused by safety.max_executions_per_hour of playbook {playbookId}: {inWindow.Count} executions started in the "
                + $"last hour and the limit is {max}. {when}",
            retryAt);
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
