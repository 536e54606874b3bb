using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Dashboard.Sessions;

/// <summary>
/// The dashboard's sessions, in this process's memory: a login (or the start-up link) makes one with a random id (256
/// bits) bound to the identity that logged in, and the cookie carries only that id, so a cookie that leaks (cookies are
/// not scoped by port) gives neither a bearer token nor this run's access token. A session ends at logout, after
/// <see cref="IdleLimit"/> without a request, <see cref="Lifetime"/> after it began, when its identity opens one more than
/// <see cref="DashboardSessionLimits.PerIdentity"/> (its least recently used ends), and when the server stops (a restart
/// asks everyone to log in, or open the new start-up link, again); its open live feeds end with it (expired sessions are
/// looked for every <see cref="SweepInterval"/>, and by each request). Past <see cref="DashboardSessionLimits.Total"/>
/// sessions a new one is refused: no identity can log another out. Ids are kept as their SHA-256 digests.
/// </summary>
internal sealed class DashboardSessions : IDisposable
{
    /// <summary>How long a session lasts without a request.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(12);

    /// <summary>How long a session lasts at most.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>How often expired sessions are ended though no request names them (their open feeds end then).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DashboardSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();
    private readonly ITimer _sweep;

    public DashboardSessions(TimeProvider time, DashboardSessionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Limits = limits ?? new DashboardSessionLimits();
        _sweep = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public DashboardSessionLimits Limits { get; }

    public int Count => _sessions.Count;

    /// <summary>
    /// A new session for <paramref name="caller"/> (its id goes in the cookie), ending the caller's own least recently used
    /// one when it has <see cref="DashboardSessionLimits.PerIdentity"/> already; null when
    /// <see cref="DashboardSessionLimits.Total"/> sessions are open (none is ended to make room).
    /// </summary>
    public DashboardSession? Start(HttpCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = _time.GetUtcNow();
        var ended = new List<DashboardSession>();
        DashboardSession? session = null;
        lock (_starting)
        {
            RemoveExpired(now, ended);
            var own = _sessions.Where(pair => string.Equals(pair.Value.Caller.Identity, caller.Identity, StringComparison.Ordinal)).ToList();
            foreach (var (key, old) in own.OrderBy(pair => pair.Value.LastUsed).Take(own.Count - Limits.PerIdentity + 1))
            {
                Remove(key, old, ended);
            }

            if (_sessions.Count < Limits.Total)
            {
                session = new DashboardSession(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), caller, now);
                _sessions[Digest(session.Id)] = session;
            }
        }

        EndAll(ended);
        return session;
    }

    /// <summary>The live session with this id (and marks it used); null when unknown, ended or expired.</summary>
    public DashboardSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 100)
        {
            return null;
        }

        var key = Digest(id);
        if (!_sessions.TryGetValue(key, out var session) || !IsOpen(session))
        {
            return null;
        }

        session.Use(_time.GetUtcNow());
        return session;
    }

    /// <summary>Whether <paramref name="session"/> is still open (without marking it used); an expired one is ended here.</summary>
    public bool IsOpen(DashboardSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Ended.IsCancellationRequested)
        {
            return false;
        }

        if (!Expired(session, _time.GetUtcNow()))
        {
            return true;
        }

        _sessions.TryRemove(new KeyValuePair<string, DashboardSession>(Digest(session.Id), session));
        session.End();
        return false;
    }

    /// <summary>Ends the session with this id (logout) and its open feeds; nothing when there is none.</summary>
    public void End(string? id)
    {
        if (!string.IsNullOrEmpty(id) && id.Length <= 100 && _sessions.TryRemove(Digest(id), out var session))
        {
            session.End();
        }
    }

    public void Dispose() => _sweep.Dispose();

    private void Sweep()
    {
        var ended = new List<DashboardSession>();
        RemoveExpired(_time.GetUtcNow(), ended);
        EndAll(ended);
    }

    private void RemoveExpired(DateTimeOffset now, List<DashboardSession> ended)
    {
        foreach (var (key, session) in _sessions)
        {
            if (Expired(session, now))
            {
                Remove(key, session, ended);
            }
        }
    }

    private void Remove(string key, DashboardSession session, List<DashboardSession> ended)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, DashboardSession>(key, session)))
        {
            ended.Add(session);
        }
    }

    /// <summary>Ends sessions once out of the lock: their feeds' cancellation runs outside it.</summary>
    private static void EndAll(List<DashboardSession> ended)
    {
        foreach (var session in ended)
        {
            session.End();
        }
    }

    private static bool Expired(DashboardSession session, DateTimeOffset now) =>
        now - session.LastUsed >= IdleLimit || now - session.Started >= Lifetime;

    private static string Digest(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
