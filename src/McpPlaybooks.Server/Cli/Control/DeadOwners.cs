using System.Diagnostics;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>
/// Executions still leased by a process that is gone. A process killed outright (SIGKILL, a crash) keeps its lease
/// until it expires (15 s by default); a command run right after it would otherwise find nothing to take over. On an
/// SQLite history (one machine's file) an owner is known to be gone when it ran on this host (owner ids are
/// <c>host:pid:random</c>) and no process has its pid. On a shared PostgreSQL no owner is known to be gone by its pid (a
/// lease never depends on a pid being alive on this host: two machines may share a host name): its lease expiring is
/// what frees its executions. Owners on other hosts, and live ones, are only reported.
/// </summary>
internal static class DeadOwners
{
    /// <summary>The longest a lease is waited for; a dead owner's lease is at most its lease duration.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>Unfinished executions whose live lease another process holds (this process's own excluded).</summary>
    public static async Task<IReadOnlyList<ExecutionRecord>> HeldElsewhereAsync(PlaybookEngine engine, CancellationToken cancellationToken) =>
        (await LookAsync(engine, cancellationToken)).Held;

    /// <summary>The unfinished executions that another process holds and those nobody holds, from one look (<see cref="LeaseLook"/>).</summary>
    public static async Task<LeaseLook> LookAsync(PlaybookEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var unfinished = await engine.History.ListUnfinishedAsync(cancellationToken);
        return LeaseLook.Of(unfinished, engine.OwnerId, TimeProvider.System.GetUtcNow());
    }

    /// <summary>Whether <paramref name="ownerId"/> is known to be gone from a history of <paramref name="kind"/>: only on SQLite, by its pid.</summary>
    public static bool IsKnownGone(string ownerId, StoreKind kind) => kind == StoreKind.Sqlite && IsGoneFromThisHost(ownerId);

    /// <summary>Whether <paramref name="ownerId"/> names a process of this host that no longer runs.</summary>
    public static bool IsGoneFromThisHost(string ownerId)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        // A pid is looked up only on its own host: another host's process says nothing here.
        if (OwnerIdentity.Parse(ownerId) is not { IsThisHost: true, Pid: var pid })
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>
    /// Waits until the leases of the executions among <paramref name="held"/> whose owner is known to be gone
    /// (<see cref="IsKnownGone"/>) have expired (at most a minute); true when there were any. Writes one line to
    /// <paramref name="error"/> first.
    /// </summary>
    public static async Task<bool> WaitForExpiryAsync(IEnumerable<ExecutionRecord> held, StoreKind kind, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(error);
        var gone = held.Where(e => IsKnownGone(e.OwnerId!, kind)).ToList();
        if (gone.Count == 0)
        {
            return false;
        }

        var until = gone.Max(e => e.LeaseExpiresAt!.Value);
        var wait = until - TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(20);
        wait = wait > MaxWait ? MaxWait : wait;
        var what = gone.Count == 1 ? $"execution {gone[0].Id} is" : $"{gone.Count} executions are";
        error.WriteLine($"{what} still leased by a process that is gone ({gone[0].OwnerId}); waiting {Math.Max(0, wait.TotalSeconds):0.0} s for the lease to expire");
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TimeProvider.System, cancellationToken);
        }

        return true;
    }
}
