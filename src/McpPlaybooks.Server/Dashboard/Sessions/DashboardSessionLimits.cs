namespace McpPlaybooks.Server.Dashboard.Sessions;

/// <summary>
/// How many dashboard sessions the server keeps: <see cref="PerIdentity"/> sessions of one identity
/// (<c>DashboardMaxSessionsPerIdentity</c>; one more login of it ends its own least recently used session, never another
/// identity's), and <see cref="Total"/> sessions in all (a last resort: a login beyond is refused with 503, and no one's
/// session ends to make room).
/// </summary>
internal sealed record DashboardSessionLimits
{
    /// <summary>The most sessions of one identity (20).</summary>
    public int PerIdentity { get; init; } = 20;

    /// <summary>The most sessions in all (10,000).</summary>
    public int Total { get; init; } = 10_000;
}
