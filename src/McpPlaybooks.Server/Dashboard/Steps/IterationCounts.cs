using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// A <c>foreach</c> step folded into one node: its iterations counted by the state of each one's latest attempt, and those
/// not started yet (<see cref="NotStarted"/>) when the number of items is known: a literal list, or the output of a loop
/// that completed. An expression's list is not kept while the loop runs, so then <see cref="Total"/> is null.
/// </summary>
internal sealed record IterationCounts
{
    public int? Total { get; init; }

    public int Completed { get; init; }

    public int Failed { get; init; }

    public int Running { get; init; }

    /// <summary>Cancelled or interrupted.</summary>
    public int Stopped { get; init; }

    /// <summary>Items no attempt has started for (yet, or ever when the step has ended); null when <see cref="Total"/> is.</summary>
    public int? NotStarted { get; init; }

    /// <summary>The counts in words, as the graph's node and the step's details show them: <c>12 ok · 1 failed · 3 pending</c>.</summary>
    public string Label { get; init; } = "";

    /// <summary>The counts of a loop step, or null for a step that is not one (neither its definition nor its attempts say so).</summary>
    public static IterationCounts? Of(StepState step, StepDefinition? definition, IEnumerable<StepAttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(step);
        var latest = LatestByIteration(step.Id, attempts);
        if (definition?.Foreach is null && latest.Count == 0)
        {
            return null;
        }

        int? total = definition?.Foreach?.Items is ListTemplate literal ? literal.Items.Count
            : step.Status == StepStatus.Completed && step.Output.Kind == ValueKind.List ? step.Output.AsList().Count
            : null;
        var statuses = latest.Values.Select(attempt => attempt.Status).ToList();
        var counts = new IterationCounts
        {
            Total = total,
            Completed = statuses.Count(status => status == StepStatus.Completed),
            Failed = statuses.Count(status => status == StepStatus.Failed),
            Running = statuses.Count(status => status == StepStatus.Running),
            Stopped = statuses.Count(status => status is StepStatus.Cancelled or StepStatus.Interrupted),
            NotStarted = total is { } all ? Math.Max(0, all - latest.Count) : null,
        };
        return counts with { Label = counts.Words(step.Status is StepStatus.Pending or StepStatus.Running or StepStatus.WaitingApproval) };
    }

    private string Words(bool more)
    {
        List<string> parts = [];
        void Add(int? count, string what)
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {what}"));
            }
        }

        Add(Completed, "ok");
        Add(Running, "running");
        Add(Failed, "failed");
        Add(Stopped, "stopped");
        Add(NotStarted, more ? "pending" : "not run");
        return parts.Count > 0 ? string.Join(" · ", parts) : Total == 0 ? "no items" : "no iterations yet";
    }

    /// <summary>Each iteration's latest attempt of the step's own action (not its rollback or verify calls), by index.</summary>
    public static SortedDictionary<int, StepAttemptRecord> LatestByIteration(string stepId, IEnumerable<StepAttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var latest = new SortedDictionary<int, StepAttemptRecord>();
        foreach (var attempt in attempts)
        {
            if (attempt.StepId == stepId && attempt.Kind == AttemptKind.Step && attempt.Iteration is { } index
                && (!latest.TryGetValue(index, out var seen) || seen.Attempt < attempt.Attempt))
            {
                latest[index] = attempt;
            }
        }

        return latest;
    }
}
