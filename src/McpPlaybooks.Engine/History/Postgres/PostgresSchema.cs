using System.Globalization;
using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// Brings a PostgreSQL history's schema up to date: the missing scripts run in one transaction under a transaction-level
/// advisory lock, so two servers starting at once do not race (the second finds the work done). A schema already current
/// is left alone without taking the lock or needing CREATE. A schema newer than this build is refused in one sentence.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock's key: one per schema, so stores in different schemas of one database migrate apart.</summary>
    private const string LockKey = "SELECT pg_advisory_xact_lock(hashtext('mcpplaybooks.migrate:' || current_schema()))";

    private const string HasTableSql = "SELECT to_regclass('schema_migrations') IS NOT NULL";

    private const string VersionSql = "SELECT coalesce(max(version), 0) FROM schema_migrations";

    /// <summary>Runs the missing migrations; returns the version reached and how many ran.</summary>
    public static async Task<(int Version, int Applied)> MigrateAsync(
        NpgsqlDataSource dataSource,
        HistoryLocation location,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await CheckSchemaExistsAsync(connection, location, cancellationToken).ConfigureAwait(false);
        var version = await VersionAsync(connection, location, cancellationToken).ConfigureAwait(false);
        if (version == PostgresMigrations.Latest)
        {
            return (version, 0);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, LockKey, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)",
            cancellationToken).ConfigureAwait(false);

        // Another server may have migrated between the read above and the lock.
        version = await VersionAsync(connection, location, cancellationToken).ConfigureAwait(false);
        var applied = 0;
        for (; version < PostgresMigrations.Latest; version++, applied++)
        {
            await ExecuteAsync(connection, PostgresMigrations.Scripts[version], cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)", connection);
            record.Parameters.AddWithValue("version", version + 1);
            record.Parameters.AddWithValue("at", time.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (version, applied);
    }

    /// <summary>The schema's version (0 when it has none yet); refuses one newer than this build knows.</summary>
    public static async Task<int> VersionAsync(NpgsqlConnection connection, HistoryLocation location, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand(HasTableSql, connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand(VersionSql, connection);
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return version <= PostgresMigrations.Latest
            ? version
            : throw new HistoryWriteException(
                $"The history database '{location.Display}' has schema version {version}, but this version of McpPlaybooks knows only up to "
                    + $"{PostgresMigrations.Latest}. A newer McpPlaybooks wrote it: upgrade this one, or point it at another database or schema.",
                location.Display,
                null,
                null);
    }

    /// <summary>Refuses a connection whose search path names no existing schema (where would the tables go?).</summary>
    private static async Task CheckSchemaExistsAsync(NpgsqlConnection connection, HistoryLocation location, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current_schema()", connection);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string)
        {
            throw new HistoryWriteException(
                $"The history database '{location.Display}' has no schema to keep the history in: its search path names none that exists. "
                    + "Create the schema (CREATE SCHEMA name AUTHORIZATION the_role), or fix 'Search Path' in the connection string.",
                location.Display,
                null,
                null);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
