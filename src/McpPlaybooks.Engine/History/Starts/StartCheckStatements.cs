using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.History.Starts;

/// <summary>
/// The checks of a <see cref="StartClaim"/> in the writer's transaction, built once per dialect: each asks what the host's
/// own lookups asked (<see cref="ReadStatements"/>, the guardrails' reads), through the same indexes, and answers with a
/// count or a row when the claim no longer holds.
/// </summary>
internal sealed class StartCheckStatements
{
    private static readonly DialectCache<StartCheckStatements> Built = new(dialect => new StartCheckStatements(dialect));

    private StartCheckStatements(SqlDialect dialect)
    {
        var real = $"playbook_id = @PlaybookId AND dry_run = {dialect.Flag(false)}";
        KeyTakenSql = $"SELECT 1 FROM executions{dialect.IndexedBy("ix_executions_idempotency_key")} WHERE idempotency_key = @IdempotencyKey LIMIT 1";
        IdenticalActiveSql = $"""
            SELECT 1 FROM executions{dialect.IndexedBy("ix_executions_duplicate")}
            WHERE {real} AND status IN ({LeaseStatements.UnfinishedList}) AND playbook_sha256 = @Sha256
                AND {dialect.EqualsLongText("inputs_json", "@InputsJson")} AND {dialect.SameValue("incident_json", "@IncidentJson")}
                AND {dialect.SameValue("secret_inputs_hmac", "@SecretInputsHmac")}
            LIMIT 1
            """;
        ActiveCountSql = $"SELECT COUNT(*) FROM executions WHERE {real} AND status IN ({LeaseStatements.UnfinishedList})";
        StartsInHourSql = $"SELECT COUNT(*) FROM executions WHERE {real} AND created_at > @Since";
    }

    /// <summary>A row when an execution holds the key (the unique index <c>ix_executions_idempotency_key</c>).</summary>
    public string KeyTakenSql { get; }

    /// <summary>A row when a real execution of the same playbook content, inputs (secret ones by their digest) and incident has not ended (as <see cref="ReadStatements.FindActiveDuplicateSql"/>).</summary>
    public string IdenticalActiveSql { get; }

    /// <summary>How many real executions of the playbook have not ended (<c>max_concurrent</c>).</summary>
    public string ActiveCountSql { get; }

    /// <summary>How many real executions of the playbook were created in the hour (<c>max_executions_per_hour</c>), whatever clock stamped them.</summary>
    public string StartsInHourSql { get; }

    public static StartCheckStatements For(SqlDialect dialect) => Built.For(dialect);
}
