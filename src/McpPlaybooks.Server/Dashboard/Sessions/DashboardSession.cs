using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Dashboard.Sessions;

/// <summary>
/// One browser's dashboard session: the random id its cookie carries (never a token), who logged in (or opened the
/// start-up link), when, and when it was last used.
/// </summary>
internal sealed record DashboardSession(string Id, HttpCaller Caller, DateTimeOffset Started, DateTimeOffset LastUsed);
