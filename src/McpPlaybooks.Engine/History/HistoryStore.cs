using System.Data.Common;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The history: one writer connection that commits queued writes together (group commit), and pooled read connections.
/// A write returns only once it is committed. On SQLite (the default, <c>HistoryStore.Sqlite.cs</c>) it is one file in WAL
/// mode whose readers never wait for the writer; several processes may share the file, each store writing under SQLite's
/// write lock, waiting for it up to 5 s. The SQL that differs between stores comes from its <see cref="Dialect"/>.
/// </summary>
public sealed partial class HistoryStore : IAsyncDisposable
{
    private readonly HistoryWriter writer;
    private readonly HistoryReader reader;
    private readonly ReadConnections readConnections;
    private readonly DbDataSource readers;
    private readonly Action? closed;
    private int disposed;

    /// <param name="path">The file's full path, or a description of the database without secrets.</param>
    /// <param name="writer">The writer, on its own connection, already migrated.</param>
    /// <param name="readers">Opens read connections (pooled by the provider); the store disposes it.</param>
    /// <param name="closed">Runs last when the store is disposed (SQLite clears its connection pool).</param>
    /// <param name="secretInputsKey">The store's key for the digests of secret inputs (<see cref="History.SecretInputsKey"/>).</param>
    private HistoryStore(string path, int schemaVersion, int migrationsApplied, HistoryWriter writer, SqlDialect dialect, DbDataSource readers, Action? closed, byte[] secretInputsKey)
    {
        Path = path;
        SecretInputsKey = secretInputsKey;
        SchemaVersion = schemaVersion;
        MigrationsApplied = migrationsApplied;
        Dialect = dialect;
        this.writer = writer;
        writer.Fences = Fences;
        this.readers = readers;
        this.closed = closed;
        readConnections = new ReadConnections(readers);
        reader = new HistoryReader(readConnections, dialect);
        ApprovalLinks = new ApprovalLinkHistory(this);
    }

    /// <summary>The key of the digests of secret inputs that executions keep (<see cref="History.SecretInputsKey"/>), the same in every process sharing the store.</summary>
    internal byte[] SecretInputsKey { get; }

    /// <summary>The SQL dialect of this store.</summary>
    internal SqlDialect Dialect { get; }

    /// <summary>One-time approval links and the approval pages of running servers.</summary>
    public ApprovalLinkHistory ApprovalLinks { get; }

    /// <summary>
    /// Completes once the file's pages have passed <c>PRAGMA quick_check</c>; faults with <see cref="HistoryWriteException"/>
    /// when they have not. Already complete unless the store was opened with the check beside (a server).
    /// </summary>
    public Task Checked { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Completes once the planner's statistics of the opening are refreshed (<c>PRAGMA optimize</c>): at once unless the store
    /// was opened with the check beside (a server), which refreshes them beside too. Never faults: a failure is logged.
    /// </summary>
    internal Task StatisticsRefreshed { get; private set; } = Task.CompletedTask;

    /// <summary>The schema version (<c>PRAGMA user_version</c> on SQLite, the newest row of <c>schema_migrations</c> on PostgreSQL).</summary>
    public int SchemaVersion { get; }

    /// <summary>The full path of the database file, or on PostgreSQL the connection string without its password.</summary>
    public string Path { get; }

    /// <summary>Transactions the writer committed; fewer than the writes when callers share commits.</summary>
    internal long CommittedTransactions => writer.CommittedTransactions;

    /// <summary>Checkpoints of the SQLite write-ahead log run beside the commits (<see cref="SqliteWalCheckpointer"/>).</summary>
    internal long Checkpoints => writer.Checkpoints;

    /// <summary>Checkpoints that restarted the SQLite write-ahead log from its beginning (<see cref="SqliteWalCheckpointer.RestartAfterFrames"/>).</summary>
    internal long LogRestarts => writer.LogRestarts;

    /// <summary>Migrations this store ran when it opened the database (0 when it was up to date).</summary>
    internal int MigrationsApplied { get; }

    /// <summary>
    /// Commits the writes in one transaction; not cancellable once queued, so a cancelled run still records itself.
    /// The task faults with <see cref="HistoryWriteException"/> when the commit fails; throws <see cref="ObjectDisposedException"/> once disposed.
    /// </summary>
    public Task WriteAsync(IReadOnlyList<HistoryWrite> writes) => Write(writes, fence: null);

    /// <summary>A run's writes: fenced at the epoch that run holds (<paramref name="fence"/>), not at the store's latest.</summary>
    internal Task WriteAsync(IReadOnlyList<HistoryWrite> writes, RunFence fence) => Write(writes, fence);

    /// <summary>
    /// A start's writes, committed only while its <paramref name="claim"/> holds in their transaction; otherwise nothing is
    /// stored and the task faults with <see cref="Starts.StartOvertakenException"/>.
    /// </summary>
    internal Task WriteStartAsync(IReadOnlyList<HistoryWrite> writes, RunFence fence, Starts.StartClaim claim) => Write(writes, fence, claim);

    private Task Write(IReadOnlyList<HistoryWrite> writes, RunFence? fence, Starts.StartClaim? claim = null)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var copy = writes.ToArray();
        if (Array.Exists(copy, write => write is null))
        {
            throw new ArgumentException("A history write is null.", nameof(writes));
        }

        return copy.Length == 0 ? Task.CompletedTask : Observed(writer.EnqueueAsync(copy, fence, claim), copy);
    }

    public Task WriteAsync(HistoryWrite write) => WriteAsync([write]);

    public Task<PlaybookVersionRecord?> GetPlaybookVersionAsync(string playbookId, string version, string sha256, CancellationToken cancellationToken) =>
        Read().GetPlaybookVersionAsync(playbookId, version, sha256, cancellationToken);

    public Task<ExecutionRecord?> GetExecutionAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetExecutionAsync(executionId, cancellationToken);

    /// <summary>The newest execution started with this idempotency key, or null.</summary>
    public Task<ExecutionRecord?> FindExecutionByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Read().FindExecutionByIdempotencyKeyAsync(idempotencyKey, cancellationToken);

    /// <summary>Newest first (created, then id); <see cref="ExecutionQuery.Limit"/> is capped at 500.</summary>
    public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken) =>
        Read().ListExecutionsAsync(query, cancellationToken);

    /// <summary>In playbook order (position, then id).</summary>
    public Task<IReadOnlyList<StepStateRecord>> GetStepStatesAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetStepStatesAsync(executionId, cancellationToken);

    /// <summary>In the order they started.</summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetAttemptsAsync(executionId, cancellationToken);

    /// <summary>
    /// As <see cref="GetAttemptsAsync(string, CancellationToken)"/>, each with <see cref="StepAttemptRecord.OutputJson"/> null:
    /// for a reader that uses the rest (statuses, times, targets, errors) of an execution whose steps keep large outputs.
    /// </summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsWithoutOutputsAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetAttemptsWithoutOutputsAsync(executionId, cancellationToken);

    /// <summary>
    /// The attempts of one step, in the order they started, each with <see cref="StepAttemptRecord.OutputJson"/> null (see
    /// <see cref="GetAttemptsWithoutOutputsAsync"/>): what a view of that step needs, whatever the other steps hold.
    /// </summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetStepAttemptsWithoutOutputsAsync(string executionId, string stepId, CancellationToken cancellationToken) =>
        Read().GetStepAttemptsWithoutOutputsAsync(executionId, stepId, cancellationToken);

    /// <summary>The attempts of one kind (the finally calls, say), in the order they started.</summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsAsync(string executionId, AttemptKind kind, CancellationToken cancellationToken) =>
        Read().GetAttemptsAsync(executionId, kind, cancellationToken);

    /// <summary>
    /// Oldest first; <see cref="LogQuery.Limit"/> is capped at 1000. <see cref="LogPage.NextCursor"/> is the last line's id,
    /// or the query's <see cref="LogQuery.AfterId"/> when there is no new line, so a follower polls with it.
    /// </summary>
    public Task<LogPage> GetLogsAsync(LogQuery query, CancellationToken cancellationToken) =>
        Read().GetLogsAsync(query, cancellationToken);

    /// <summary>The last <paramref name="count"/> lines (at most 1000), oldest first, with the log's line count: one indexed read, however long the log.</summary>
    public Task<LogTail> GetLogTailAsync(string executionId, int count, CancellationToken cancellationToken) =>
        Read().GetLogTailAsync(executionId, count, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(string subjectId, CancellationToken cancellationToken) =>
        Read().GetAuditAsync(subjectId, cancellationToken);

    /// <summary>The audit entries of one of <paramref name="actions"/> on any of <paramref name="subjectIds"/>, oldest first (by id).</summary>
    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, CancellationToken cancellationToken) =>
        Read().GetAuditAsync(subjectIds, actions, cancellationToken);

    /// <summary>Of <paramref name="subjectIds"/>, those with at least one audit entry of one of <paramref name="actions"/>.</summary>
    public Task<IReadOnlySet<string>> GetSubjectsWithAuditAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, CancellationToken cancellationToken) =>
        Read().GetSubjectsWithAuditAsync(subjectIds, actions, cancellationToken);

    /// <summary>Whether any of <paramref name="subjectIds"/> has an audit entry of one of <paramref name="actions"/> after entry <paramref name="afterId"/>.</summary>
    public Task<bool> HasAuditAfterAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, long afterId, CancellationToken cancellationToken) =>
        Read().HasAuditAfterAsync(subjectIds, actions, afterId, cancellationToken);

    /// <summary>When the latest audit entry of one of <paramref name="actions"/> on any of <paramref name="subjectIds"/> was made; null for none.</summary>
    public Task<DateTimeOffset?> GetLatestAuditTimeAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, CancellationToken cancellationToken) =>
        Read().GetLatestAuditTimeAsync(subjectIds, actions, cancellationToken);

    /// <summary>Commits every write already queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        (Interlocked.Exchange(ref commitListener, null) as IDisposable)?.Dispose();
        await StopNotificationsAsync();
        await writer.DisposeAsync();
        readConnections.Dispose();
        await readers.DisposeAsync();
        closed?.Invoke();
    }

    /// <summary>Runs <paramref name="action"/> on the writer's connection between transactions (tests: simulate a full disk).</summary>
    internal Task RunOnWriterAsync(Action<DbConnection> action) => writer.RunOnWriterAsync(action);

    /// <summary>Refreshes the planner's statistics on the writer's connection, between transactions (the engine's heartbeat, hourly).</summary>
    internal Task OptimizeAsync() => Dialect == SqlDialect.Sqlite
        ? Writer(CancellationToken.None).RunOnWriterAsync(connection => Schema.DatabaseSetup.Optimize(connection, opening: false))
        : Task.CompletedTask;

    /// <summary>Read connections kept open with their prepared statements (tests).</summary>
    internal ReadConnections ReadConnections => readConnections;

    /// <summary>Holds the writer so writes queue up until the result is disposed (a test hook for group commit).</summary>
    internal IDisposable PauseWriter() => writer.Pause();

    private HistoryReader Read()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return reader;
    }
}
