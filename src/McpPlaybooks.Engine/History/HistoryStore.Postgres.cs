using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace McpPlaybooks.Engine.History;

/// <summary>Opening a PostgreSQL history: the pool and its schema, the writer's own connection, readers from the pool.</summary>
public sealed partial class HistoryStore
{
    /// <summary>
    /// Opens the history at <paramref name="location"/>: an SQLite file as
    /// <see cref="OpenAsync(string, TimeProvider, ILogger?, int?, bool, CancellationToken)"/> does, or a PostgreSQL database
    /// (its schema brought up to date). On PostgreSQL <see cref="Path"/> is the location's <see cref="HistoryLocation.Display"/>
    /// (no password) and there is no page check. Every failure is a <see cref="HistoryWriteException"/> with one masked sentence.
    /// </summary>
    public static Task<HistoryStore> OpenAsync(HistoryLocation location, TimeProvider time, ILogger? logger, int? killAfterCommits, bool checkBeside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind == StoreKind.Postgres
            ? OpenPostgresAsync(location, time, logger, killAfterCommits, cancellationToken)
            : OpenAsync(location.Target, time, logger, killAfterCommits, checkBeside, cancellationToken);
    }

    /// <summary>
    /// How long writes wait for the writer's lost connection to a database server to come back (60 s unless set), opening a
    /// new one 100 ms, then 200 ms, … up to every 5 s; then they fail with <see cref="HistoryWriteException"/>. Zero on SQLite.
    /// </summary>
    public TimeSpan ReconnectFor
    {
        get => writer.ReconnectFor;
        set => writer.ReconnectFor = value;
    }

    private static async Task<HistoryStore> OpenPostgresAsync(HistoryLocation location, TimeProvider time, ILogger? logger, int? killAfterCommits, CancellationToken cancellationToken)
    {
        if (killAfterCommits is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(killAfterCommits));
        }

        ArgumentNullException.ThrowIfNull(time);
        var log = logger ?? NullLogger.Instance;
        var (dataSource, version, applied) = await PostgresHistory.OpenMigratedAsync(location, time, cancellationToken).ConfigureAwait(false);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PostgresErrors.From(e, location, "opening the writer's connection");
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        HistoryLog.Opened(log, location.Display, version, applied);
        return new HistoryStore(
            location.Display,
            version,
            applied,
            new HistoryWriter(connection, SqlDialect.Postgres, location.Display, time, log, killAfterCommits, new PostgresReconnection(dataSource, location)),
            SqlDialect.Postgres,
            dataSource,
            closed: null);
    }
}
