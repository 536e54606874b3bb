using McpPlaybooks.Engine.History.Location;

namespace McpPlaybooks.Engine.Configuration;

/// <summary>The engine's configuration: where it keeps history, and what actions may touch.</summary>
public sealed class EngineOptions
{
    /// <summary>The folder of the SQLite history (and, with the server, its logs).</summary>
    public required string DataDirectory { get; init; }

    public string DatabasePath => Path.Combine(DataDirectory, "history.db");

    /// <summary>Where the history is, when not the data directory's SQLite file (<see cref="DatabasePath"/>): another file, or PostgreSQL.</summary>
    public HistoryLocation? Database { get; init; }

    /// <summary>The history's location: <see cref="Database"/>, else the SQLite file in the data directory.</summary>
    public HistoryLocation History => Database ?? HistoryLocation.Sqlite(DatabasePath);

    /// <summary>Whether <c>shell</c> may run a <c>script:</c> through <c>/bin/sh</c>. Off by default.</summary>
    public bool AllowShellScripts { get; init; }

    /// <summary>
    /// The executables <c>shell</c> may start: absolute paths, or bare names matched against the
    /// resolved file's name. Empty allows any.
    /// </summary>
    public IReadOnlyList<string> ExecutableAllowlist { get; init; } = [];

    /// <summary>The hosts <c>http</c>, <c>wait_for</c> and <c>notify</c> may reach (<c>api.example.com</c>, <c>*.example.com</c>). Empty allows any.</summary>
    public IReadOnlyList<string> HostAllowlist { get; init; } = [];

    /// <summary>A file of secrets (<c>NAME=value</c> lines) for <c>{{ secrets.NAME }}</c>, beside the <c>PLAYBOOK_SECRET_NAME</c> variables.</summary>
    public string? SecretsFile { get; init; }

    /// <summary>The most bytes kept of a process's stdout or stderr, or of a response body; the rest is cut and said to be.</summary>
    public int MaxOutputBytes { get; init; } = 64 * 1024;

    /// <summary>The limit of one attempt when neither the step nor the playbook's defaults set one.</summary>
    public TimeSpan DefaultAttemptTimeout { get; init; } = StandardAttemptTimeout;

    /// <summary>The default of <see cref="DefaultAttemptTimeout"/>: 10 minutes.</summary>
    internal static readonly TimeSpan StandardAttemptTimeout = TimeSpan.FromMinutes(10);

    public CircuitBreakerSettings Breakers { get; init; } = new();

    /// <summary>
    /// How long this process's claim on an unfinished execution lasts without renewal; it is renewed
    /// every third of it while the process lives. Another process takes over once it has expired.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the owner looks for control requests from other processes, and for expired leases to take over.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a request for an execution another live process owns waits for that process to apply it; then the caller
    /// hears that it is queued (applied when the owner, or whoever takes the execution over, gets to it). Tests shorten it.
    /// </summary>
    public TimeSpan ForwardWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether a decision from the assistant channel (a caller with no verified identity) counts on every gate, its claimed
    /// name matched against the gate's approvers (<c>Approvals:AcceptAssistant</c>). Off by default: then only a gate that
    /// lists <c>assistant</c> accepts it. Never on a gate that needs a separate approver.
    /// </summary>
    public bool AcceptAssistantApprovals { get; init; }

    /// <summary>Whether opening the engine takes over every unfinished execution of the data directory with no live owner.</summary>
    public bool ResumeOnOpen { get; init; } = true;

    /// <summary>Folders of playbooks the <c>playbook</c> action finds children in (by id, highest version first), besides saved versions.</summary>
    public IReadOnlyList<string> PlaybookDirectories { get; init; } = [];

    /// <summary>
    /// Whether finished executions are folded into the learning memory's aggregates (on by default). Off, nothing is
    /// learnt: metrics and insights only show what was folded before (for benchmarks comparing the cost).
    /// </summary>
    public bool LearningMemory { get; init; } = true;

    /// <summary>
    /// How long the step attempts and logs of finished executions are kept; null keeps them forever. The aggregates of
    /// the learning memory survive pruning. When set, the engine prunes on opening and then about once an hour.
    /// </summary>
    public TimeSpan? RetainAttemptsFor { get; init; }

    /// <summary>
    /// On PostgreSQL, how long writes wait for the writer's lost connection to come back before they fail (and the runs that
    /// made them stop, as for any failed write). The writer reconnects with backoff meanwhile.
    /// </summary>
    public TimeSpan HistoryReconnectFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// On PostgreSQL, how long opening the engine waits for a database server that cannot be reached yet, is starting up or
    /// has no free connection (a database started beside the server). Zero, the default, fails at once, with the same message.
    /// </summary>
    public TimeSpan HistoryWaitAtStart { get; init; }

    /// <summary>
    /// Test only (crash tests): the process kills itself with SIGKILL right after this many history commits of state
    /// changes (lease renewals, which tick on a clock, do not count: the kill points stay where the run puts them).
    /// Set from <c>MCPPLAYBOOKS_TEST_KILL_AFTER_COMMITS</c> by the command line; null in production.
    /// </summary>
    public int? KillAfterCommits { get; init; }
}
