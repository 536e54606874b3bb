using System.Data.Common;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Rows;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// The backfill's batch: reads the next finished, non-dry-run executions that have no <c>memory_folds</c> row, oldest
/// end first, after a key (so an execution whose fold fails is tried once per pass, not forever), and folds them with
/// the writer's <see cref="MemoryFolder"/>, in the writer's transaction. Folding writes the execution's
/// <c>memory_folds</c> row in that transaction, so a batch that commits is never read again and one that does not
/// commit left nothing behind.
/// </summary>
internal sealed class MemoryBackfill
{
    private static readonly DialectCache<MemoryBackfill> Built = new(dialect => new MemoryBackfill(dialect));

    private MemoryBackfill(SqlDialect dialect)
    {
        // What the backfill folds (as MemoryFolder.Folds, and not folded yet), after a key (@At, @Id).
        var unfolded = $"""
            FROM executions{dialect.IndexedBy("ix_executions_ended")}
            WHERE ended_at IS NOT NULL AND ended_at >= @At AND (ended_at > @At OR id > @Id)
                AND dry_run = {dialect.Flag(false)} AND status IN ('completed', 'failed', 'cancelled', 'rolled_back')
                AND NOT EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = executions.id)
            """;
        SelectUnfolded = $"SELECT {ExecutionRow.Columns} {unfolded} ORDER BY ended_at, id LIMIT @Limit";
        AnyUnfolded = $"SELECT EXISTS (SELECT 1 {unfolded})";
    }

    /// <summary>
    /// Pinned to <c>ix_executions_ended</c> (migration 3) on SQLite, walked in order; the memory_folds lookup is by primary key.
    /// A history folded live answers in a few milliseconds (one pass over the index).
    /// </summary>
    public string SelectUnfolded { get; }

    /// <summary>Whether any execution waits for the backfill (a read, before starting it).</summary>
    public string AnyUnfolded { get; }

    public static MemoryBackfill For(SqlDialect dialect) => Built.For(dialect);

    public static async Task<bool> AnyAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken) =>
        (await MemorySql.QueryAsync(connection, For(dialect).AnyUnfolded, static r => r.GetBoolean(0), cancellationToken, ("At", long.MinValue), ("Id", "")).ConfigureAwait(false))[0];

    public static BackfillBatch FoldBatch(DbConnection connection, SqlDialect dialect, MemoryFolder folder, long afterEndedAt, string afterId, int limit, DateTimeOffset now, ILogger logger)
    {
        var rows = connection.QuerySql(For(dialect).SelectUnfolded, ExecutionRow.Read, ("At", afterEndedAt), ("Id", afterId), ("Limit", limit));
        if (rows.Count == 0)
        {
            return new BackfillBatch(0, 0, afterEndedAt, afterId);
        }

        var records = rows.ConvertAll(row => row.ToRecord());
        var folded = folder.FoldAll(records.Where(MemoryFolder.Folds), now, logger);
        var last = rows[^1];
        return new BackfillBatch(rows.Count, folded, last.EndedAt!.Value, last.Id);
    }
}
