namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 11: the keyed digest of an execution's secret inputs, and the store's key for it (SQLite's script 18, which says how they are used).</summary>
internal static partial class PostgresMigrations
{
    private const string SecretDigests =
        """
        ALTER TABLE executions ADD COLUMN secret_inputs_hmac text;
        CREATE TABLE store_keys (
            name       text NOT NULL PRIMARY KEY,
            key_bytes  bytea NOT NULL,
            created_at bigint NOT NULL
        );
        """;
}
