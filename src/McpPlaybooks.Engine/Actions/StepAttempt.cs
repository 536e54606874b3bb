using System.Globalization;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Actions;

/// <summary>
/// One attempt of a step (and iteration), named in history as <c>step[iteration]#attempt</c>: the consumer of a signal an
/// <c>event</c> call took, the starter of a child execution a <c>playbook</c> call began. Each is committed before the
/// step's end is; a process that died in between left it to an attempt that never ended, and the attempt that takes over
/// takes that signal, or that child, again rather than waiting for another signal or starting another child.
/// </summary>
internal sealed record StepAttempt(string StepId, int? Iteration, int Attempt)
{
    /// <summary>What history records: a signal's <c>consumed_by</c>, the end of a child's idempotency key.</summary>
    public string Key => $"{Prefix}{Attempt.ToString(CultureInfo.InvariantCulture)}";

    private string Prefix => Iteration is { } index ? $"{StepId}[{index.ToString(CultureInfo.InvariantCulture)}]#" : $"{StepId}#";

    public static StepAttempt Of(ActionInvocation invocation) => new(invocation.StepId, invocation.Iteration, invocation.Attempt);

    /// <summary>
    /// The attempt of this step (and iteration) that <paramref name="key"/> names, this one included; a key of another
    /// step, or a value written before keys named attempts (the step id alone), names none.
    /// </summary>
    public int? AttemptIn(string? key) =>
        key is not null && key.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            ? attempt
            : null;

    /// <summary>
    /// Whether <paramref name="attempts"/> record attempt <paramref name="attempt"/> of this step, or a later one, as ended
    /// (not running, not interrupted): one that took over what that attempt had begun and ended with it.
    /// </summary>
    public bool EndedSince(IEnumerable<StepAttemptRecord> attempts, int attempt) => attempts.Any(record =>
        record.StepId == StepId && record.Iteration == Iteration && record.Attempt >= attempt
        && record.Status is not (StepStatus.Running or StepStatus.Interrupted));
}
