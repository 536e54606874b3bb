using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// Ownership (design §3): each unfinished execution is leased by one process. The lease operations are conditional
/// writes, each committed in its own transaction under SQLite's write lock, in turn with the group commits, so two
/// processes (two stores on one file) never both win a claim. The cancellation token is checked before the operation
/// is queued; once queued it runs, like any write.
/// </summary>
public sealed partial class HistoryStore
{
    /// <summary>
    /// Makes <paramref name="ownerId"/> the owner of the execution until <paramref name="leaseUntil"/>, when it is
    /// unfinished and its lease is free, already this owner's, or expired before <paramref name="now"/>.
    /// True when this owner holds it now; false when another owner's lease is live, the execution ended or does not exist.
    /// </summary>
    public Task<bool> TryClaimAsync(string executionId, string ownerId, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken) =>
        ClaimAsync(executionId, ownerId, leaseUntil, now, static (statements, lease) => statements.Claim(lease), cancellationToken);

    /// <summary>
    /// As <see cref="TryClaimAsync"/>, whatever the execution's status: an ended execution reopened by retry_step,
    /// skip_step or rollback. False when another owner's lease is live or the execution does not exist.
    /// </summary>
    public Task<bool> TryReopenAsync(string executionId, string ownerId, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken) =>
        ClaimAsync(executionId, ownerId, leaseUntil, now, static (statements, lease) => statements.ClaimAny(lease), cancellationToken);

    /// <summary>
    /// Makes <paramref name="ownerId"/> the owner, until <paramref name="leaseUntil"/>, of up to <paramref name="limit"/> unfinished
    /// real executions nobody holds at <paramref name="now"/> (no owner, or an expired lease), oldest first, in one UPDATE
    /// committed in its own transaction; returns the ids won (the takeover's batch).
    /// </summary>
    public Task<List<string>> ClaimBatchAsync(string ownerId, DateTimeOffset leaseUntil, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var lease = new LeaseRow { OwnerId = ownerId, LeaseUntil = StoredValues.Time(leaseUntil), Now = StoredValues.Time(now) };
        return Writer(cancellationToken).ExecuteAsync($"claim up to {limit} executions for {ownerId}", statements =>
        {
            var won = statements.ClaimBatch(lease, limit);
            won.ForEach(claim => Fences.Won(ownerId, claim.Id, claim.Epoch));
            return won.ConvertAll(claim => claim.Id);
        });
    }

    /// <summary>
    /// Extends to <paramref name="leaseUntil"/> every lease <paramref name="ownerId"/> holds on unfinished executions, in one
    /// statement; returns the ids renewed (an execution the process runs that is missing was taken over, or has ended).
    /// </summary>
    public Task<List<string>> RenewLeasesAsync(string ownerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var lease = new LeaseRow { OwnerId = ownerId, LeaseUntil = StoredValues.Time(leaseUntil) };
        return Writer(cancellationToken).ExecuteAsync($"renew the leases of {ownerId}", statements => statements.Renew(lease));
    }

    /// <summary>Gives up the lease on the execution when <paramref name="ownerId"/> holds it (owner and lease become null); otherwise does nothing.</summary>
    public Task ReleaseAsync(string ownerId, string executionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(executionId);
        var lease = new LeaseRow { ExecutionId = executionId, OwnerId = ownerId };
        return Writer(cancellationToken).ExecuteAsync($"release {executionId} by {ownerId}", statements =>
        {
            statements.Release(lease);
            Fences.Released(ownerId, executionId);
            return true;
        });
    }

    /// <summary>Gives up every lease <paramref name="ownerId"/> holds (a process shutting down cleanly).</summary>
    public Task ReleaseAllAsync(string ownerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var lease = new LeaseRow { OwnerId = ownerId };
        return Writer(cancellationToken).ExecuteAsync($"release the leases of {ownerId}", statements =>
        {
            statements.ReleaseAll(lease);
            Fences.ReleasedAll(ownerId);
            return true;
        });
    }

    /// <summary>
    /// Unfinished real (not dry-run) executions nobody holds: no owner, or a lease that expired before <paramref name="now"/>;
    /// oldest first, at most <paramref name="limit"/>. A candidate still has to be won with <see cref="TryClaimAsync"/>.
    /// </summary>
    public Task<IReadOnlyList<ExecutionRecord>> ListClaimableAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Read().ListClaimableAsync(now, limit, cancellationToken);

    /// <summary>The owner whose lease on the execution is still valid at <paramref name="now"/>; null when none (or no such execution).</summary>
    public Task<string?> GetOwnerAsync(string executionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Read().GetOwnerAsync(executionId, now, cancellationToken);

    /// <summary>Every unfinished execution (pending, running, paused, waiting for approval, rolling back), whoever owns it; oldest first.</summary>
    public Task<IReadOnlyList<ExecutionRecord>> ListUnfinishedAsync(CancellationToken cancellationToken) =>
        Read().ListUnfinishedAsync(cancellationToken);

    /// <summary>The executions started by the execution <paramref name="parentExecutionId"/> (its sub-playbooks); oldest first.</summary>
    public Task<IReadOnlyList<ExecutionRecord>> ListChildrenAsync(string parentExecutionId, CancellationToken cancellationToken) =>
        Read().ListChildrenAsync(parentExecutionId, limit: null, cancellationToken);

    /// <summary>The first <paramref name="limit"/> child executions of <paramref name="parentExecutionId"/>, in the order they were created.</summary>
    public Task<IReadOnlyList<ExecutionRecord>> ListChildrenAsync(string parentExecutionId, int limit, CancellationToken cancellationToken) =>
        Read().ListChildrenAsync(parentExecutionId, limit, cancellationToken);

    /// <summary>How many child executions <paramref name="parentExecutionId"/> has.</summary>
    public Task<int> CountChildrenAsync(string parentExecutionId, CancellationToken cancellationToken) =>
        Read().CountChildrenAsync(parentExecutionId, cancellationToken);

    private HistoryWriter Writer(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        return writer;
    }

    private Task<bool> ClaimAsync(
        string executionId, string ownerId, DateTimeOffset leaseUntil, DateTimeOffset now, Func<WriterStatements, LeaseRow, long?> claim, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var lease = new LeaseRow { ExecutionId = executionId, OwnerId = ownerId, LeaseUntil = StoredValues.Time(leaseUntil), Now = StoredValues.Time(now) };
        return Writer(cancellationToken).ExecuteAsync($"claim {executionId} for {ownerId}", statements =>
        {
            // Noted in the claim's own transaction: the epoch is known before any write of the new owner is queued.
            if (claim(statements, lease) is not { } epoch)
            {
                return false;
            }

            Fences.Won(ownerId, executionId, epoch);
            return true;
        });
    }

    /// <summary>
    /// The leases this store's engine holds, with the epoch each was won at: its writes for those executions are fenced.
    /// </summary>
    internal LeaseFences Fences { get; } = new();
}
