using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Opens a PostgreSQL history: the pool, then the schema brought up to date; every failure is one masked sentence.</summary>
internal static class PostgresHistory
{
    public static async Task<NpgsqlDataSource> OpenAsync(HistoryLocation location, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataSource = PostgresDataSource.Create(location);
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

    /// <summary>
    /// Until the store runs its statements on PostgreSQL: opens and migrates the database (so a bad location gets its one
    /// clear sentence), then refuses to go on, saying so.
    /// </summary>
    public static async Task RefuseUntilSupportedAsync(HistoryLocation location, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var dataSource = await OpenAsync(location, time, cancellationToken).ConfigureAwait(false);
        throw new HistoryWriteException(
            $"The history database '{location.Display}' is PostgreSQL, and its schema is ready, but this build cannot run executions on PostgreSQL yet. "
                + "Use an SQLite history (leave --database unset) with this build.",
            location.Display,
            null,
            null);
    }
}
