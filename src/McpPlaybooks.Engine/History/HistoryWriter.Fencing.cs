using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The fence, inside the group commit: before a batch's writes are applied, each execution it writes as the fenced owner is
/// checked (<see cref="LeaseStatements.Fence"/>) in the same transaction. A batch that fails a check is skipped whole (the
/// check changed nothing), the other batches of the group still commit, and the skipped one faults with
/// <see cref="LeaseLostException"/> once the transaction has committed.
/// </summary>
internal sealed partial class HistoryWriter
{
    /// <summary>The leases whose writes are fenced (the store's); none until the store sets it.</summary>
    public LeaseFences Fences { get; set; } = new();

    /// <summary>
    /// Checks the batch's fences; null when it may be applied, else why it may not. A new execution's first save (no row yet,
    /// or a row this owner holds) notes its lease in <paramref name="adopted"/>, to be remembered once the transaction commits.
    /// </summary>
    private LeaseLostException? CheckFences(PendingWrite pending, List<(string Id, long Epoch)> adopted)
    {
        if (Fences.Owner is not { } owner)
        {
            return null;
        }

        foreach (var executionId in LeaseFences.ExecutionsOf(pending.Writes))
        {
            // While this process holds the lease, a run's writes carry the epoch that run holds: the latest one is for the
            // run's first write only (a run kept from before the latest claim writes at its own, and is refused).
            var run = pending.Fence is { } fence && fence.ExecutionId == executionId ? fence : null;
            if (Fences.TryGet(executionId, out var latest))
            {
                var epoch = run?.Pin(latest) ?? latest;
                if (!statements.Fence(new LeaseRow { ExecutionId = executionId, OwnerId = owner, Epoch = epoch }))
                {
                    return Refused(executionId, owner, epoch);
                }
            }
            else if (LeaseFences.SavesAsOwner(pending.Writes, executionId, owner))
            {
                switch (statements.LeaseOf(executionId))
                {
                    case null:
                        adopted.Add((executionId, run?.Pin(0) ?? 0)); // inserted now, at the column's default epoch
                        break;
                    case var (holder, now) when holder == owner:
                        adopted.Add((executionId, run?.Pin(now) ?? now));
                        break;
                    case var (holder, now) when holder is not null:
                        return new LeaseLostException(path, executionId, owner, now, holder, now);
                    default:
                        break; // released: saved as before, unfenced
                }
            }
        }

        return null;
    }

    private LeaseLostException Refused(string executionId, string owner, long epoch)
    {
        var holder = statements.LeaseOf(executionId);
        return new LeaseLostException(path, executionId, owner, epoch, holder?.Owner, holder?.Epoch);
    }

    private void Adopt(List<(string Id, long Epoch)> adopted)
    {
        if (Fences.Owner is { } owner)
        {
            adopted.ForEach(lease => Fences.Won(owner, lease.Id, lease.Epoch));
        }
    }

    /// <summary>Faults a batch the transaction did not apply: its fence refused it, or its start was overtaken (logged where it is handled).</summary>
    private void Refuse(PendingWrite pending, HistoryWriteException refusal)
    {
        if (refusal is LeaseLostException lost)
        {
            HistoryLog.WriteRefused(logger, lost.ExecutionId, lost.OwnerId, lost.Epoch, lost.HolderId ?? "nobody", lost.HolderEpoch ?? -1, pending.Describe());
        }

        pending.Completion.TrySetException(refusal);
    }
}
