using System.Data.Common;
using System.Security.Cryptography;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The store's key for the digests of secret inputs (<c>executions.secret_inputs_hmac</c>): 32 random bytes in the
/// <c>store_keys</c> row <c>secret_inputs</c>, made once by the first process that opens the store. Each process that opens
/// it reads the row, and inserts one only when there is none (<c>ON CONFLICT DO NOTHING</c>) before reading again: two
/// processes that start together both read the one that was committed first, so every server sharing a database (SQLite
/// file or PostgreSQL) computes the same digests. The key stays in the store: it is never logged nor shown.
/// </summary>
internal static class SecretInputsKey
{
    /// <summary>The key's length in bytes (HMAC-SHA256's block is 64; 32 random bytes are its full strength).</summary>
    public const int Length = 32;

    private const string Name = "secret_inputs";

    private const string Select = "SELECT key_bytes FROM store_keys WHERE name = @Name";

    private const string Insert = "INSERT INTO store_keys (name, key_bytes, created_at) VALUES (@Name, @Key, @CreatedAt) ON CONFLICT (name) DO NOTHING";

    /// <summary>The store's key, made first when it has none; on a connection of a migrated store, outside a transaction.</summary>
    public static byte[] Load(DbConnection connection, TimeProvider time)
    {
        if (Read(connection) is { } key)
        {
            return key;
        }

        connection.RunSql(Insert, ("Name", Name), ("Key", RandomNumberGenerator.GetBytes(Length)), ("CreatedAt", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return Read(connection) ?? throw new InvalidOperationException("The store's key for secret inputs was inserted but cannot be read back.");
    }

    private static byte[]? Read(DbConnection connection) => connection.ScalarSql(Select, ("Name", Name)) as byte[];
}
