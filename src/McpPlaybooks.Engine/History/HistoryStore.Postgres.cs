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
    public static Task<HistoryStore> OpenAsync(HistoryLocation location, TimeProvider time, ILogger? logger, int? killAfterCommits, bool checkBeside, CancellationToken cancellationToken) =>
        OpenAsync(location, time, logger, killAfterCommits, checkBeside ? Task.CompletedTask : null, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(HistoryLocation, TimeProvider, ILogger?, int?, bool, CancellationToken)"/>, with the page check
    /// beside serving begun once <paramref name="checkAfter"/> completes (null: checked while opening); a PostgreSQL server that
    /// cannot be reached yet, is starting up or has no free connection (<see cref="PostgresStartup.WorthWaiting"/>) is tried again
    /// with backoff for up to <paramref name="waitForServer"/> (one log line), then its failure is thrown as without waiting.
    /// </summary>
    public static async Task<HistoryStore> OpenAsync(
        HistoryLocation location, TimeProvider time, ILogger? logger, int? killAfterCommits, Task? checkAfter, TimeSpan waitForServer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(time);
        if (location.Kind != StoreKind.Postgres)
        {
            return await OpenAsync(location.Target, time, logger, killAfterCommits, checkAfter, cancellationToken).ConfigureAwait(false);
        }

        var started = time.GetTimestamp();
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await OpenPostgresAsync(location, time, logger, killAfterCommits, cancellationToken).ConfigureAwait(false);
            }
            catch (HistoryWriteException failure) when (PostgresStartup.WorthWaiting(failure) && time.GetElapsedTime(started) < waitForServer)
            {
                if (failures == 1)
                {
                    ReconnectLog.WaitingAtStart(logger ?? NullLogger.Instance, location.Display, (long)waitForServer.TotalSeconds, failure.Message);
                }

                await Task.Delay(WriterBackoff.After(failures, Random.Shared), time, cancellationToken).ConfigureAwait(false);
            }
        }
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
        byte[] secretInputsKey;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            secretInputsKey = History.SecretInputsKey.Load(connection, time);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await DisposeOpeningAsync(connection, dataSource).ConfigureAwait(false);
            throw PostgresErrors.From(e, location, "opening the writer's connection");
        }
        catch
        {
            await DisposeOpeningAsync(connection, dataSource).ConfigureAwait(false);
            throw;
        }

        HistoryLog.Opened(log, location.Display, version, applied);
        var store = new HistoryStore(
            location.Display,
            version,
            applied,
            new HistoryWriter(connection, SqlDialect.Postgres, location.Display, time, log, killAfterCommits, new PostgresReconnection(dataSource, location)),
            SqlDialect.Postgres,
            dataSource,
            closed: null,
            secretInputsKey);
        // Retries tick on the real clock, as the heartbeat does: the engine's may be a test's manual one.
        store.notifications = new PostgresNotifications(dataSource, location, TimeProvider.System, log);
        return store;
    }

    private static async Task DisposeOpeningAsync(NpgsqlConnection? connection, NpgsqlDataSource dataSource)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
