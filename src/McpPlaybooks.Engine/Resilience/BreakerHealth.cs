using System.Collections.Frozen;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>Decides what a call's result says about its target's health (<see cref="BreakerOutcome"/>).</summary>
internal static class BreakerHealth
{
    /// <summary>The categories that say the target itself is unhealthy; the others are the caller's fault or say nothing.</summary>
    public static readonly FrozenSet<ErrorCategory> Unhealthy = new[]
    {
        ErrorCategory.Network, ErrorCategory.Timeout, ErrorCategory.Temporary, ErrorCategory.Dependency,
    }.ToFrozenSet();

    /// <summary>
    /// The outcome of a call that ended with <paramref name="error"/> (null: it succeeded). A cancellation by the caller
    /// is ignored; an HTTP answer counts against the target only with a 5xx status (a 4xx, even one categorised
    /// temporary such as 409 or 429, is an answer from a live target); otherwise the category decides.
    /// </summary>
    public static BreakerOutcome Of(Exception? error, Func<Exception, ErrorCategory> categorize, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            return BreakerOutcome.Success;
        }

        if (error is OperationCanceledException && (cancellationToken.IsCancellationRequested || !ExceptionChain.HasTimeout(error)))
        {
            return BreakerOutcome.Ignored;
        }

        if (ExceptionChain.FindActionFailure(error)?.HttpStatus is { } status and >= 400 and <= 599)
        {
            return status >= 500 ? BreakerOutcome.Unhealthy : BreakerOutcome.Neutral;
        }

        return Unhealthy.Contains(categorize(error)) ? BreakerOutcome.Unhealthy : BreakerOutcome.Neutral;
    }
}
