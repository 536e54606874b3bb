namespace McpPlaybooks.Server.Dashboard.Sessions;

/// <summary>
/// How many dashboard sessions the server keeps, and how many live feeds each may hold open: <see cref="PerIdentity"/>
/// sessions of one identity (<c>DashboardMaxSessionsPerIdentity</c>; one more login of it ends its own least recently
/// used session, never another identity's), <see cref="Total"/> sessions in all (a last resort: a login beyond is refused
/// with 503, and no one's session ends to make room), and <see cref="StreamsPerSession"/> open <c>/ui/api/events</c>
/// streams per session (one more gets 429).
/// </summary>
internal sealed record DashboardSessionLimits
{
    /// <summary>The most sessions of one identity (20).</summary>
    public int PerIdentity { get; init; } = 20;

    /// <summary>The most sessions in all (10,000).</summary>
    public int Total { get; init; } = 10_000;

    /// <summary>The most live feeds one session may hold open at once (8: a person's dashboard tabs).</summary>
    public int StreamsPerSession { get; init; } = 8;
}
