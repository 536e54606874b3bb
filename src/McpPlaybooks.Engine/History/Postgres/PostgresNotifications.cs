using McpPlaybooks.Engine.History.Location;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// The store's one listening connection (<c>LISTEN mcpplaybooks</c>): a transaction that queues a control request for an
/// execution owned elsewhere also sends <c>pg_notify</c> with the owner's id (<see cref="Dialect.SqlDialect.WakeOwner"/>),
/// delivered when it commits, and the owner named wakes at once instead of at its next poll. Opened with the first
/// subscriber. A lost connection is opened again with backoff, logged once per outage; meanwhile owners poll as on SQLite,
/// and once it is back every subscriber is woken for what was queued while it was deaf.
/// </summary>
internal sealed partial class PostgresNotifications : IAsyncDisposable
{
    /// <summary>The channel: one per database (a notification names its owner, so histories in other schemas only cost a look).</summary>
    public const string Channel = "mcpplaybooks";

    /// <summary>The longest owner id sent, in bytes (PostgreSQL refuses payloads of 8000 bytes or more).</summary>
    public const int MaxPayload = 1000;

    /// <summary>What a request's outcome sends before the request's id (an owner id has no space).</summary>
    public const string HandledPrefix = "handled ";

    /// <summary>How long the connection may stay silent before a <c>SELECT 1</c> checks that it is still there.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly HistoryLocation _location;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscribers = [];
    private Task? _listening;
    private int _processId;

    /// <param name="dataSource">The store's pool (the listening connection is one of its connections, held for good).</param>
    /// <param name="location">The history, for masked log lines.</param>
    /// <param name="time">The clock of the retry delays (a real one: the engine's may be a test's manual clock).</param>
    /// <param name="logger">The store's logger.</param>
    public PostgresNotifications(NpgsqlDataSource dataSource, HistoryLocation location, TimeProvider time, ILogger logger)
    {
        _dataSource = dataSource;
        _location = location;
        _time = time;
        _logger = logger;
    }

    /// <summary>The server process id of the listening connection now; 0 while there is none (tests end it with <c>pg_terminate_backend</c>).</summary>
    public int ProcessId => Volatile.Read(ref _processId);

    /// <summary>The payload that says a control request's outcome was committed (<see cref="Dialect.SqlDialect.WakeRequester"/>).</summary>
    public static string HandledKey(long requestId) => HandledPrefix + requestId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Calls <paramref name="wake"/> (quickly: it runs on the listener) whenever a notification with payload <paramref name="key"/>
    /// arrives (an owner id: a request for it was committed; a <see cref="HandledKey"/>); until disposed. Once this listener
    /// is disposed it wakes nobody (its subscribers poll).
    /// </summary>
    public IDisposable Subscribe(string key, Action wake)
    {
        var subscription = new Subscription(this, key, wake);
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return subscription;
            }

            _subscribers.Add(subscription);
            _listening ??= Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        }

        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        Task? listening;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            listening = _listening;
        }

        if (listening is not null)
        {
            await listening.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                Volatile.Write(ref _processId, connection.ProcessID);
                if (failures > 0)
                {
                    ListeningAgain(_logger, _location.Display, failures);
                    WakeAll(); // what was queued while nobody listened
                }
                else
                {
                    Listening(_logger, _location.Display, Channel);
                }

                failures = 0;
                await WaitAsync(connection, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Never fatal: owners poll meanwhile. Logged once per outage, masked.
                Volatile.Write(ref _processId, 0);
                if (failures++ == 0)
                {
                    Lost(_logger, _location.Display, _location.Mask(e.Message));
                }

                try
                {
                    await Task.Delay(Backoff(failures), _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Volatile.Write(ref _processId, 0);
    }

    /// <summary>Waits for notifications until the connection fails (an exception) or the store closes.</summary>
    private static async Task WaitAsync(NpgsqlConnection connection, CancellationToken stop)
    {
        while (true)
        {
            if (!await connection.WaitAsync(Idle, stop).ConfigureAwait(false))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The delay before attempt <paramref name="failures"/> + 1: a quarter second, doubling up to half a minute.</summary>
    internal static TimeSpan Backoff(int failures) =>
        failures >= 8 ? LastRetry : TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, FirstRetry.Ticks << Math.Max(0, failures - 1)));

    private void Heard(string payload)
    {
        foreach (var subscription in Snapshot())
        {
            if (string.Equals(subscription.Key, payload, StringComparison.Ordinal))
            {
                subscription.Wake();
            }
        }
    }

    private void WakeAll()
    {
        foreach (var subscription in Snapshot())
        {
            subscription.Wake();
        }
    }

    private Subscription[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _subscribers];
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    private sealed class Subscription(PostgresNotifications owner, string key, Action wake) : IDisposable
    {
        public string Key { get; } = key;

        public void Wake() => wake();

        public void Dispose() => owner.Remove(this);
    }

    [LoggerMessage(EventId = 3013, Level = LogLevel.Debug, Message = "Listening on {Path} (channel {Channel}): requests other processes queue for this one wake it at once")]
    private static partial void Listening(ILogger logger, string path, string channel);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "Lost the listening connection to {Path} ({Reason}); requests from other processes are picked up at each poll until it is back, retrying with backoff")]
    private static partial void Lost(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Information, Message = "Listening on {Path} again after {Attempts} failed attempts")]
    private static partial void ListeningAgain(ILogger logger, string path, int attempts);
}
