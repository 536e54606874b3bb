using System.Globalization;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Actions;

/// <summary>
/// The attempt of an <c>event</c> call that consumes a signal, recorded in the signal's <c>consumed_by</c> as
/// <c>step[iteration]#attempt</c>. A signal is consumed (committed) before the step's end is: a process that died in
/// between left it consumed by an attempt that never ended, and the attempt that takes over gets that signal again
/// rather than waiting for one that will not come.
/// </summary>
internal sealed record SignalConsumer(string StepId, int? Iteration, int Attempt)
{
    /// <summary>What <c>consumed_by</c> holds.</summary>
    public string Key => $"{Prefix}{Attempt.ToString(CultureInfo.InvariantCulture)}";

    private string Prefix => Iteration is { } index ? $"{StepId}[{index.ToString(CultureInfo.InvariantCulture)}]#" : $"{StepId}#";

    public static SignalConsumer Of(ActionInvocation invocation) => new(invocation.StepId, invocation.Iteration, invocation.Attempt);

    /// <summary>
    /// The attempt of this step (and iteration) that consumed <paramref name="signal"/>, if one did and it is not this one;
    /// a value written before consumers were keyed by attempt (the step id alone) names none.
    /// </summary>
    public int? EarlierAttemptOf(SignalRecord signal) =>
        signal.ConsumedBy is { } by && by.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(by.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt != Attempt
            ? attempt
            : null;

    /// <summary>Whether <paramref name="attempts"/> record attempt <paramref name="attempt"/> of this step as ended (not running, not interrupted).</summary>
    public bool Ended(IEnumerable<StepAttemptRecord> attempts, int attempt) => attempts.Any(record =>
        record.StepId == StepId && record.Iteration == Iteration && record.Attempt == attempt
        && record.Status is not (StepStatus.Running or StepStatus.Interrupted));
}
