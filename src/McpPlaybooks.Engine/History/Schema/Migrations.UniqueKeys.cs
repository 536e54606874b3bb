namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 13 (starts across processes): an idempotency key is one execution, in the database itself.</summary>
internal static partial class Migrations
{
    private const string UniqueKeys =
        """
        -- Two processes could record one key twice before starts were checked in the transaction that inserts them. The newest
        -- execution of a key is the one a start with it returns, and keeps it; each older one lets it go, and the audit trail
        -- says which key it had and which execution kept it.
        INSERT INTO audit (at, actor, action, subject_type, subject_id, detail_json)
        SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'migration', 'idempotency_key_released', 'execution', e.id,
            json_object('idempotency_key', e.idempotency_key, 'kept_by',
                (SELECT n.id FROM executions n WHERE n.idempotency_key = e.idempotency_key ORDER BY n.created_at DESC, n.id DESC LIMIT 1))
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
