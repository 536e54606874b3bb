namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 18: the keyed digest of an execution's secret inputs, and the store's key for it.</summary>
internal static partial class Migrations
{
    private const string SecretDigests =
        """
        -- secret_inputs_hmac: HMAC-SHA256 (hex) of the secret inputs a start gave (their names and values), keyed with the
        -- store_keys row 'secret_inputs', never the values themselves; null when the start gave none. The identical-run check
        -- and an idempotency key compare it, as inputs_json holds every secret as '***'. Rows from before have none, so a start
        -- that gives secrets never matches one of them. The key is made once by the first process that opens the store
        -- (INSERT ... ON CONFLICT DO NOTHING, then read back), so every process sharing it computes the same digests.
        ALTER TABLE executions ADD COLUMN secret_inputs_hmac TEXT;
        CREATE TABLE store_keys (
            name       TEXT NOT NULL PRIMARY KEY,
            key_bytes  BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        """;
}
