namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// A breaker's answer to a call about to start: admitted (as the trial call of a half-open breaker, or not), or refused
/// because it is open until <see cref="OpenUntil"/>, or because a trial call is under way (<see cref="TrialDone"/>
/// completes when it ends).
/// </summary>
internal sealed record BreakerAdmission(bool Admitted, bool Trial, DateTimeOffset? OpenUntil, Task? TrialDone)
{
    public static readonly BreakerAdmission Call = new(true, false, null, null);

    public static readonly BreakerAdmission TrialCall = new(true, true, null, null);
}
