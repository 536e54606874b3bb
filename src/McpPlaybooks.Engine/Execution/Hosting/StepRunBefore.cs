using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>What a step's run had spent before a takeover: its failed attempts by iteration, and its time.</summary>
internal sealed record StepRunBefore(IReadOnlyDictionary<int, Failures> Failed, TimeSpan Spent);

/// <summary>How many attempts (of one iteration) failed, and the last one's error.</summary>
internal sealed record Failures(int Count, StepError Last)
{
    public static Failures Of(IEnumerable<StepAttemptRecord> failed)
    {
        var list = failed.OrderBy(attempt => attempt.Attempt).ToList();
        var last = list[^1];
        return new(list.Count, new StepError(last.ErrorCategory ?? ErrorCategory.Unknown, last.ErrorMessage ?? "failed"));
    }
}
