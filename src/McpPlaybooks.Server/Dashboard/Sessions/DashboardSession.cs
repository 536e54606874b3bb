using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Dashboard.Sessions;

/// <summary>
/// One browser's dashboard session: the random id its cookie carries (never a token), who logged in (or opened the
/// start-up link), when, and when it was last used; <see cref="Ended"/> is cancelled when it ends (logout, expiry, its
/// identity's cap), which ends the live feeds it holds open (<see cref="TryOpenStream"/>).
/// </summary>
internal sealed class DashboardSession
{
    private readonly CancellationTokenSource _ended = new();
    private long _lastUsed;
    private int _streams;

    public DashboardSession(string id, HttpCaller caller, DateTimeOffset started)
    {
        Id = id;
        Caller = caller;
        Started = started;
        _lastUsed = started.UtcTicks;
    }

    public string Id { get; }

    public HttpCaller Caller { get; }

    public DateTimeOffset Started { get; }

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsed), TimeSpan.Zero);

    /// <summary>Cancelled once the session has ended: whatever it keeps open (its live feeds) ends with it.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Takes one of the session's <paramref name="most"/> places for an open stream; false when all are taken.</summary>
    public bool TryOpenStream(int most)
    {
        while (true)
        {
            var open = Volatile.Read(ref _streams);
            if (open >= most)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _streams, open + 1, open) == open)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back the place a stream took with <see cref="TryOpenStream"/>.</summary>
    public void CloseStream() => Interlocked.Decrement(ref _streams);

    internal void Use(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsed, now.UtcTicks);

    internal void End() => _ended.Cancel();
}
