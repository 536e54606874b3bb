using McpPlaybooks.Engine.History.Writes;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.History;

/// <summary>One caller's batch in the writer's queue (or, for tests, an action to run on the writer's connection).</summary>
internal sealed class PendingWrite
{
    private PendingWrite(IReadOnlyList<HistoryWrite> writes, Action<SqliteConnection>? control)
    {
        Writes = writes;
        Control = control;
    }

    public IReadOnlyList<HistoryWrite> Writes { get; }

    /// <summary>Runs alone, outside any transaction, instead of writes.</summary>
    public Action<SqliteConnection>? Control { get; }

    /// <summary>Completes once the batch is committed; continuations never run on the writer's loop.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static PendingWrite ForWrites(IReadOnlyList<HistoryWrite> writes) => new(writes, null);

    public static PendingWrite ForControl(Action<SqliteConnection> control) => new([], control);

    public string Describe()
    {
        const int Shown = 3;
        var names = string.Join(", ", Writes.Take(Shown).Select(WriteStatements.Describe));
        var more = Writes.Count > Shown ? $", and {Writes.Count - Shown} more" : "";
        return $"committing {Writes.Count} write{(Writes.Count == 1 ? "" : "s")} ({names}{more})";
    }
}
