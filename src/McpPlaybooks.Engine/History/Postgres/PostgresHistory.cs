using McpPlaybooks.Engine.History.Location;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Opens a PostgreSQL history: the pool, then the schema brought up to date; every failure is one masked sentence.</summary>
internal static class PostgresHistory
{
    public static async Task<NpgsqlDataSource> OpenAsync(
        HistoryLocation location,
        TimeProvider time,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        var dataSource = PostgresDataSource.Create(location, loggerFactory);
        try
        {
            await PostgresSchema.MigrateAsync(dataSource, location, time, cancellationToken).ConfigureAwait(false);
            return dataSource;
        }
        catch (Exception e) when (e is NpgsqlException or HistoryWriteException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PostgresErrors.From(e, location, "opening the history");
        }
    }
}
