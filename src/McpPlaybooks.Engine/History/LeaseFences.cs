using System.Collections.Concurrent;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The leases a store's process holds and the epoch (fencing token) at which it won each: every batch it writes for one of
/// those executions is fenced (<see cref="LeaseStatements.Fence"/>). Only the writes of one owner are fenced, the engine's
/// (<see cref="Owner"/>): a store with no owner (tools, tests writing fixtures) writes as before. An entry is taken when a
/// claim is won or a new execution is first saved, changed by a later claim, and dropped when the owner releases the lease;
/// a refused write leaves it, so every later write of the lost run is refused too.
/// </summary>
internal sealed class LeaseFences
{
    private readonly ConcurrentDictionary<string, long> _epochs = new(StringComparer.Ordinal);
    private string? _owner;

    /// <summary>The owner whose writes are fenced; set once, by the engine that opens the store.</summary>
    public string? Owner
    {
        get => Volatile.Read(ref _owner);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            if (Interlocked.CompareExchange(ref _owner, value, null) is { } set && set != value)
            {
                throw new InvalidOperationException($"The history's fenced owner is already {set}.");
            }
        }
    }

    /// <summary>How many leases are held (tests, and the renewal's comparison).</summary>
    public int Count => _epochs.Count;

    public bool TryGet(string executionId, out long epoch) => _epochs.TryGetValue(executionId, out epoch);

    /// <summary>Notes a lease won by <paramref name="ownerId"/>: only the fenced owner's count.</summary>
    public void Won(string ownerId, string executionId, long epoch)
    {
        if (ownerId == Owner)
        {
            _epochs[executionId] = epoch;
        }
    }

    public void Released(string ownerId, string executionId)
    {
        if (ownerId == Owner)
        {
            _epochs.TryRemove(executionId, out _);
        }
    }

    public void ReleasedAll(string ownerId)
    {
        if (ownerId == Owner)
        {
            _epochs.Clear();
        }
    }

    /// <summary>The executions a batch writes as their owner would (their runs' writes), each once, in order.</summary>
    public static IEnumerable<string> ExecutionsOf(IReadOnlyList<HistoryWrite> writes) => writes.Select(ExecutionOf).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>Whether the batch saves the execution's row as <paramref name="ownerId"/>'s (a run's save; the first one inserts it).</summary>
    public static bool SavesAsOwner(IReadOnlyList<HistoryWrite> writes, string executionId, string ownerId) =>
        writes.Any(w => w is HistoryWrite.SaveExecution save && save.Record.Id == executionId && save.Record.OwnerId == ownerId);

    private static string? ExecutionOf(HistoryWrite write) => write switch
    {
        HistoryWrite.SaveExecution w => w.Record.Id,
        HistoryWrite.SaveStepState w => w.Record.ExecutionId,
        HistoryWrite.SaveAttempt w => w.Record.ExecutionId,
        HistoryWrite.AppendLog w => w.Record.ExecutionId,
        HistoryWrite.SaveApproval w => w.Record.ExecutionId,
        HistoryWrite.AppendDecision w => w.Record.ExecutionId,
        _ => null,
    };
}
