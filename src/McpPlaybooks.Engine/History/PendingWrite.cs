using System.Data.Common;
using McpPlaybooks.Engine.History.Starts;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// One caller's batch in the writer's queue; or an operation whose result the caller needs (a lease claim, an append
/// that returns its id), committed in its own transaction; or, for tests, an action to run on the writer's connection.
/// </summary>
internal sealed class PendingWrite
{
    private readonly string? _name;

    private PendingWrite(IReadOnlyList<HistoryWrite> writes, Action<DbConnection>? control, Func<WriterStatements, object?>? operation, string? name, RunFence? fence = null, StartClaim? claim = null)
    {
        Writes = writes;
        Fence = fence;
        Claim = claim;
        Control = control;
        Operation = operation;
        _name = name;
    }

    public IReadOnlyList<HistoryWrite> Writes { get; }

    /// <summary>The epoch the writing run holds its execution at (a run's writes); null for writes of no run.</summary>
    public RunFence? Fence { get; }

    /// <summary>A start's claim, checked in the transaction before its writes (<see cref="StartChecks"/>); null for other writes.</summary>
    public StartClaim? Claim { get; }

    /// <summary>Runs alone, outside any transaction, instead of writes.</summary>
    public Action<DbConnection>? Control { get; }

    /// <summary>Runs alone, in its own transaction, instead of writes; its result lands in <see cref="Result"/>.</summary>
    public Func<WriterStatements, object?>? Operation { get; }

    /// <summary>What <see cref="Operation"/> returned, set before <see cref="Completion"/> completes.</summary>
    public object? Result { get; set; }

    /// <summary>A control action or an operation: never shares a transaction with batches.</summary>
    public bool RunsAlone => Control is not null || Operation is not null;

    /// <summary>Completes once the batch is committed; continuations never run on the writer's loop.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static PendingWrite ForWrites(IReadOnlyList<HistoryWrite> writes, RunFence? fence = null, StartClaim? claim = null) => new(writes, null, null, null, fence, claim);

    public static PendingWrite ForControl(Action<DbConnection> control) => new([], control, null, null);

    public static PendingWrite ForOperation(string name, Func<WriterStatements, object?> operation) => new([], null, operation, name);

    public string Describe()
    {
        if (_name is not null)
        {
            return _name;
        }

        const int Shown = 3;
        var names = string.Join(", ", Writes.Take(Shown).Select(WriteStatements.Describe));
        var more = Writes.Count > Shown ? $", and {Writes.Count - Shown} more" : "";
        return $"committing {Writes.Count} write{(Writes.Count == 1 ? "" : "s")} ({names}{more})";
    }
}
