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
}
