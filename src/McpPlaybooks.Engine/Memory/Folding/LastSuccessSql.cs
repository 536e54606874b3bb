using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// What a fold takes back when an execution that had completed finishes again otherwise (a rollback after it completed):
/// its last good inputs give way to the latest other folded, completed execution of its playbook, and its day's last
/// success to that day's latest other one. Rare (only such re-folds run them), so they read <c>executions</c>.
/// </summary>
internal sealed class LastSuccessSql
{
    public const string Forget = "DELETE FROM memory_last_success WHERE playbook_id = @p AND execution_id = @e";

    private static readonly DialectCache<LastSuccessSql> Built = new(dialect => new LastSuccessSql(dialect));

    private LastSuccessSql(SqlDialect d)
    {
        var others = $"""
            FROM executions o
            WHERE o.playbook_id = @p AND o.id <> @e AND o.status = 'completed' AND o.dry_run = {d.Flag(false)} AND o.ended_at IS NOT NULL
                AND EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = o.id)
            """;
        Latest = $"""
            INSERT INTO memory_last_success (playbook_id, playbook_version, execution_id, inputs_json, ended_at)
            SELECT o.playbook_id, o.playbook_version, o.id, o.inputs_json, o.ended_at
            {others}
            ORDER BY o.ended_at DESC, {d.ByCodePoint("o.id")} DESC LIMIT 1
            """;
        Day = $"""
            UPDATE memory_playbook_days SET last_success_at = (
                SELECT MAX(o.ended_at)
                {others}
                    AND o.ended_at >= @d * {MemorySql.DayMs} AND o.ended_at < (@d + 1) * {MemorySql.DayMs})
            WHERE playbook_id = @p AND day = @d
            """;
    }

    /// <summary>The latest other folded, completed execution of the playbook becomes its last success (after <see cref="Forget"/>).</summary>
    public string Latest { get; }

    /// <summary>The day's last success, recomputed without the execution.</summary>
    public string Day { get; }

    public static LastSuccessSql For(SqlDialect dialect) => Built.For(dialect);
}
