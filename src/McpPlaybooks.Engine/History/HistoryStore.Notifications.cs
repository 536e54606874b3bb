using McpPlaybooks.Engine.History.Postgres;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// Waking an owner when another process queues a request for it, and the process that queued it when the outcome is
/// recorded: PostgreSQL's LISTEN/NOTIFY; on SQLite both poll.
/// </summary>
public sealed partial class HistoryStore
{
    private PostgresNotifications? notifications;

    /// <summary>The listening connection on PostgreSQL (opened with the first <see cref="WakeOnRequests"/>); null on SQLite.</summary>
    internal PostgresNotifications? Notifications => notifications;

    /// <summary>
    /// Calls <paramref name="wake"/> (quickly) when a control request for an execution <paramref name="ownerId"/> owns is
    /// committed by any process, until the result is disposed. Best effort: a PostgreSQL store wakes at once while its
    /// listening connection is up; SQLite never wakes, and its owners poll.
    /// </summary>
    internal IDisposable WakeOnRequests(string ownerId, Action wake)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return notifications?.Subscribe(ownerId, wake) ?? NoWake.Instance;
    }

    /// <summary>
    /// Calls <paramref name="wake"/> (quickly) when the outcome of control request <paramref name="requestId"/> is committed by
    /// any process, until the result is disposed. Best effort, as <see cref="WakeOnRequests"/>.
    /// </summary>
    internal IDisposable WakeWhenHandled(long requestId, Action wake)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return notifications?.Subscribe(PostgresNotifications.HandledKey(requestId), wake) ?? NoWake.Instance;
    }

    private async ValueTask StopNotificationsAsync()
    {
        if (notifications is { } listening)
        {
            await listening.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class NoWake : IDisposable
    {
        public static readonly NoWake Instance = new();

        public void Dispose()
        {
        }
    }
}
