namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// Endpoint metadata read by <see cref="DashboardGate"/>: the server role a dashboard endpoint needs, whether it answers a
/// person (a page: refusals are pages, a missing session goes to the login page) or a script (refusals are JSON), whether
/// it changes state (then it needs the CSRF token), and whether it opens without a session (the login page).
/// </summary>
internal sealed record DashboardRule(string Role, bool IsPage, bool ChangesState = false, bool Open = false);
