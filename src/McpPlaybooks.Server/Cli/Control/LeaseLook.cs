using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>
/// One look at the unfinished executions (one read, one reading of the clock): those another process holds by a live
/// lease, and those nobody holds (no owner, or a lease that has expired). Dry runs and this process's own are in
/// neither. Taken from one look, an execution whose lease expires while a command looks is in one list or the other,
/// never in neither: two looks a moment apart could see it held by neither, then free by neither.
/// </summary>
internal sealed record LeaseLook(IReadOnlyList<ExecutionRecord> Held, IReadOnlyList<ExecutionRecord> Free)
{
    /// <summary>
    /// Sorts <paramref name="unfinished"/> at <paramref name="now"/> as the takeover does: a lease ending at
    /// <paramref name="now"/> still holds (a takeover wants <c>lease_expires_at &lt; now</c>).
    /// </summary>
    public static LeaseLook Of(IEnumerable<ExecutionRecord> unfinished, string self, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unfinished);
        var held = new List<ExecutionRecord>();
        var free = new List<ExecutionRecord>();
        foreach (var execution in unfinished.Where(e => !e.DryRun))
        {
            if (execution.OwnerId is null || execution.LeaseExpiresAt is not { } until || until < now)
            {
                free.Add(execution);
            }
            else if (execution.OwnerId != self)
            {
                held.Add(execution);
            }
        }

        return new LeaseLook(held, free);
    }
}
