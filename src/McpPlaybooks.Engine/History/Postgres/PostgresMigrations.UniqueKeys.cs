namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 6: an idempotency key is one execution, in the database itself (SQLite's script 13).</summary>
internal static partial class PostgresMigrations
{
    private const string UniqueKeys =
        """
        INSERT INTO audit (at, actor, action, subject_type, subject_id, detail_json)
        SELECT CAST(extract(epoch FROM clock_timestamp()) * 1000 AS bigint), 'migration', 'idempotency_key_released', 'execution', e.id,
            json_build_object('idempotency_key', e.idempotency_key, 'kept_by',
                (SELECT n.id FROM executions n WHERE n.idempotency_key = e.idempotency_key ORDER BY n.created_at DESC, n.id DESC LIMIT 1))::text
        FROM executions e
        WHERE e.idempotency_key IS NOT NULL AND EXISTS (SELECT 1 FROM executions n WHERE n.idempotency_key = e.idempotency_key
            AND (n.created_at > e.created_at OR n.created_at = e.created_at AND n.id > e.id));
        UPDATE executions SET idempotency_key = NULL
        WHERE idempotency_key IS NOT NULL AND EXISTS (SELECT 1 FROM executions n WHERE n.idempotency_key = executions.idempotency_key
            AND (n.created_at > executions.created_at OR n.created_at = executions.created_at AND n.id > executions.id));
        DROP INDEX ix_executions_idempotency_key;
        CREATE UNIQUE INDEX ix_executions_idempotency_key ON executions (idempotency_key) WHERE idempotency_key IS NOT NULL;
        """;
}
