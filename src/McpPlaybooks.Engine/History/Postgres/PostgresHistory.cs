using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Opens a PostgreSQL history: the pool, then the schema brought up to date; every failure is one masked sentence.</summary>
internal static class PostgresHistory
{
    /// <summary>Opens the pool and brings the schema up to date; returns the pool with the version reached and how many migrations ran.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(HistoryLocation location, TimeProvider time, CancellationToken cancellationToken) =>
        (await OpenMigratedAsync(location, time, cancellationToken).ConfigureAwait(false)).DataSource;

    /// <summary>As <see cref="OpenAsync"/>, with the schema version reached and how many migrations ran.</summary>
    public static async Task<(NpgsqlDataSource DataSource, int Version, int Applied)> OpenMigratedAsync(HistoryLocation location, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataSource = PostgresDataSource.Create(location);
        try
        {
            var (version, applied) = await PostgresSchema.MigrateAsync(dataSource, location, time, cancellationToken).ConfigureAwait(false);
            return (dataSource, version, applied);
        }
        catch (Exception e) when (e is NpgsqlException or HistoryWriteException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PostgresErrors.From(e, location, "opening the history");
        }
    }

    /// <summary>Whether the database's schema holds a history (our migrations table); creates and migrates nothing.</summary>
    public static async Task<bool> ExistsAsync(HistoryLocation location, CancellationToken cancellationToken)
    {
        await using var dataSource = PostgresDataSource.Create(location);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT current_schema() IS NOT NULL AND to_regclass('schema_migrations') IS NOT NULL", connection);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw PostgresErrors.From(e, location, "reading the history");
        }
    }
}
