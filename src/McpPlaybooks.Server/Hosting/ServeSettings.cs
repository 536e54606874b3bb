using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// The settings <c>serve</c> reads, each from <c>appsettings.json</c> (beside the executable, then in the current
/// directory), its <c>MCPPLAYBOOKS_*</c> environment variable, and its flag, the later winning.
/// </summary>
internal static class ServeSettings
{
    public static readonly ServeSetting DataDir = new("DataDir", DataDirectory.Variable, "--data-dir");

    /// <summary>Where the history is: an SQLite path (default: the data directory's history.db) or a PostgreSQL connection string.</summary>
    public static readonly ServeSetting Database = new("History:Database", EngineOptionsFromEnvironment.Database, "--database");

    /// <summary>Seconds writes wait for a lost database connection to come back (60 by default; PostgreSQL).</summary>
    public static readonly ServeSetting DatabaseReconnectSeconds = new("History:ReconnectSeconds", EngineOptionsFromEnvironment.DatabaseReconnectSeconds);

    /// <summary>Seconds opening waits for a database that cannot be reached yet (0 by default: fail at once; PostgreSQL).</summary>
    public static readonly ServeSetting DatabaseWaitSeconds = new("History:WaitAtStartSeconds", EngineOptionsFromEnvironment.DatabaseWaitSeconds);

    public static readonly ServeSetting Playbooks = new("Playbooks", "MCPPLAYBOOKS_PLAYBOOKS", "--playbooks", Path.PathSeparator);

    public static readonly ServeSetting SecretsFile = new("SecretsFile", EngineOptionsFromEnvironment.SecretsFile);

    public static readonly ServeSetting AllowShellScripts = new("AllowShellScripts", EngineOptionsFromEnvironment.AllowShellScripts);

    public static readonly ServeSetting ExecutableAllowlist = new("ExecutableAllowlist", EngineOptionsFromEnvironment.ExecutableAllowlist, Separator: ',');

    public static readonly ServeSetting HostAllowlist = new("HostAllowlist", EngineOptionsFromEnvironment.HostAllowlist, Separator: ',');

    /// <summary>Days of step attempts and logs kept; the learning memory's aggregates outlive them. Unset keeps everything.</summary>
    public static readonly ServeSetting RetainHistoryDays = new("RetainHistoryDays", EngineOptionsFromEnvironment.RetainHistoryDays);

    /// <summary>Whether finished executions feed the learning memory (true by default).</summary>
    public static readonly ServeSetting LearningMemory = new("LearningMemory", EngineOptionsFromEnvironment.LearningMemory);

    /// <summary>Whether calls go through circuit breakers (true by default).</summary>
    public static readonly ServeSetting BreakerEnabled = new("Resilience:Breaker:Enabled", BreakerSettingsReader.Enabled);

    /// <summary>The fewest calls to a target in the window before its breaker may open (5 by default).</summary>
    public static readonly ServeSetting BreakerMinimumCalls = new("Resilience:Breaker:MinimumCalls", BreakerSettingsReader.MinimumCalls);

    /// <summary>The share of unhealthy failures among those calls that opens it (0.6 by default).</summary>
    public static readonly ServeSetting BreakerFailureRatio = new("Resilience:Breaker:FailureRatio", BreakerSettingsReader.FailureRatio);

    /// <summary>The window the calls are counted over, in seconds (120 by default).</summary>
    public static readonly ServeSetting BreakerWindowSeconds = new("Resilience:Breaker:WindowSeconds", BreakerSettingsReader.WindowSeconds);

    /// <summary>How long an open breaker refuses calls before a trial call, in seconds (30 by default).</summary>
    public static readonly ServeSetting BreakerOpenSeconds = new("Resilience:Breaker:OpenSeconds", BreakerSettingsReader.OpenSeconds);

    /// <summary>The roles of whoever runs the server over stdio (one person: the client's user), for approval gates.</summary>
    public static readonly ServeSetting Roles = new("Roles", "MCPPLAYBOOKS_ROLES", Separator: ',');

    /// <summary>Whether an assistant's approve_step (no verified identity) counts on every gate: off by default, a warning at start when on.</summary>
    public static readonly ServeSetting AcceptAssistantApprovals = new("Approvals:AcceptAssistant", EngineOptionsFromEnvironment.AcceptAssistantApprovals);

    /// <summary>The person who answers the MCP client's questions (elicitation), matched against gates' approvers.</summary>
    public static readonly ServeSetting ChatUser = new("Approvals:ChatUser", ApprovalSettingsReader.ChatUser);

    /// <summary>OS users mapped to names and roles for <c>mcp-playbooks approve</c> (<c>osuser=name:role1+role2</c>).</summary>
    public static readonly ServeSetting ApprovalUsers = new("Approvals:Users", ApprovalSettingsReader.Users, Separator: ',');

    /// <summary>The public base address of the approval page, when people reach it through a proxy (else the listener's own).</summary>
    public static readonly ServeSetting ApprovalPageBaseUrl = new("Approvals:PageBaseUrl", ApprovalSettingsReader.PageBaseUrl);

    public static readonly ServeSetting LogLevel = new("LogLevel", "MCPPLAYBOOKS_LOG_LEVEL", "--log-level");

    public static readonly ServeSetting ShutdownGraceSeconds = new("ShutdownGraceSeconds", "MCPPLAYBOOKS_SHUTDOWN_GRACE_SECONDS");

    /// <summary>Over stdio, seconds start-up work waits for the client's opening exchange before beginning anyway (3 by default).</summary>
    public static readonly ServeSetting StdioClientWaitSeconds = new("Stdio:ClientWaitSeconds", "MCPPLAYBOOKS_STDIO_CLIENT_WAIT_SECONDS");

    /// <summary>Serve MCP over HTTP at this address (<c>127.0.0.1:8080</c>; port 0 for any free port) instead of stdio.</summary>
    public static readonly ServeSetting Http = new("Http", "MCPPLAYBOOKS_HTTP", "--http");

    /// <summary>Under stdio, where the dashboard listens: a loopback <c>ADDRESS:PORT</c> (port 0, the default, any free port), or <c>off</c>.</summary>
    public static readonly ServeSetting Ui = new("Ui:Address", "MCPPLAYBOOKS_UI", "--ui");

    /// <summary>The bearer tokens file of HTTP: when set, every MCP request needs a token, and tools check roles.</summary>
    public static readonly ServeSetting TokensFile = new("TokensFile", "MCPPLAYBOOKS_TOKENS_FILE", "--tokens");

    /// <summary>Lets HTTP listen beyond loopback without tokens: the risk, accepted in so many words.</summary>
    public static readonly ServeSetting AllowRemoteWithoutTokens = new("AllowRemoteWithoutTokens", "MCPPLAYBOOKS_ALLOW_REMOTE_WITHOUT_TOKENS", "--allow-remote-without-tokens");

    /// <summary>The <c>Host</c> header values HTTP accepts (localhost names by default).</summary>
    public static readonly ServeSetting AllowedHosts = new("AllowedHosts", "MCPPLAYBOOKS_ALLOWED_HOSTS", Separator: ',');

    /// <summary>The <c>Origin</c> header values HTTP accepts (localhost pages by default).</summary>
    public static readonly ServeSetting AllowedOrigins = new("AllowedOrigins", "MCPPLAYBOOKS_ALLOWED_ORIGINS", Separator: ',');

    public static readonly ServeSetting MaxRequestBodyBytes = new("MaxRequestBodyBytes", "MCPPLAYBOOKS_MAX_REQUEST_BODY_BYTES");

    public static readonly ServeSetting RequestTimeoutSeconds = new("RequestTimeoutSeconds", "MCPPLAYBOOKS_REQUEST_TIMEOUT_SECONDS");

    public static readonly ServeSetting MaxSessions = new("MaxSessions", "MCPPLAYBOOKS_MAX_SESSIONS");

    public static readonly ServeSetting MaxSessionsPerIdentity = new("MaxSessionsPerIdentity", "MCPPLAYBOOKS_MAX_SESSIONS_PER_IDENTITY");

    public static readonly ServeSetting SessionIdleMinutes = new("SessionIdleMinutes", "MCPPLAYBOOKS_SESSION_IDLE_MINUTES");

    /// <summary>The most connections HTTP holds open at once (1,000 by default); one more is closed unanswered.</summary>
    public static readonly ServeSetting MaxConnections = new("MaxConnections", "MCPPLAYBOOKS_MAX_CONNECTIONS");

    /// <summary>The most dashboard sessions of one identity (20 by default); one more login ends its own least recently used.</summary>
    public static readonly ServeSetting DashboardMaxSessionsPerIdentity = new("DashboardMaxSessionsPerIdentity", "MCPPLAYBOOKS_DASHBOARD_MAX_SESSIONS_PER_IDENTITY");

    /// <summary>Test only (crash tests): see <see cref="EngineOptionsFromEnvironment.TestKillAfterCommits"/>.</summary>
    public static readonly ServeSetting TestKillAfterCommits = new("TestKillAfterCommits", EngineOptionsFromEnvironment.TestKillAfterCommits);

    /// <summary>Test only (crash tests): see <see cref="EngineOptionsFromEnvironment.TestLeaseMilliseconds"/>.</summary>
    public static readonly ServeSetting TestLeaseMs = new("TestLeaseMs", EngineOptionsFromEnvironment.TestLeaseMilliseconds);

    public static IReadOnlyList<ServeSetting> All { get; } =
    [
        RetainHistoryDays, LearningMemory,
        BreakerEnabled, BreakerMinimumCalls, BreakerFailureRatio, BreakerWindowSeconds, BreakerOpenSeconds,
        DataDir, Database, DatabaseReconnectSeconds, DatabaseWaitSeconds, Playbooks, SecretsFile, AllowShellScripts, ExecutableAllowlist, HostAllowlist, Roles, LogLevel, ShutdownGraceSeconds, StdioClientWaitSeconds,
        AcceptAssistantApprovals, ChatUser, ApprovalUsers, ApprovalPageBaseUrl,
        Ui, Http, TokensFile, AllowRemoteWithoutTokens, AllowedHosts, AllowedOrigins, MaxRequestBodyBytes, RequestTimeoutSeconds, MaxSessions, MaxSessionsPerIdentity, SessionIdleMinutes,
        MaxConnections, DashboardMaxSessionsPerIdentity,
        TestKillAfterCommits, TestLeaseMs,
    ];

    /// <summary>The setting read from <paramref name="variable"/>, or null when it is not one of ours.</summary>
    public static ServeSetting? ByVariable(string variable) =>
        All.FirstOrDefault(setting => string.Equals(setting.Variable, variable, StringComparison.Ordinal));
}
