using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The SQLite history: one file in WAL mode, one writer that commits queued writes together
/// (group commit), readers that never wait for it. A write returns only once it is committed.
/// </summary>
public sealed class HistoryStore : IAsyncDisposable
{
    private HistoryStore()
    {
    }

    /// <summary>Opens (creating and migrating when needed) the database at <paramref name="path"/>.</summary>
    public static Task<HistoryStore> OpenAsync(string path, TimeProvider time, ILogger? logger, CancellationToken cancellationToken) =>
        throw new NotImplementedException("issue #3: the history helper fills this in");

    /// <summary>The schema version (<c>PRAGMA user_version</c>).</summary>
    public int SchemaVersion => throw new NotImplementedException();

    public string Path => throw new NotImplementedException();

    /// <summary>Commits the writes in one transaction; not cancellable once queued, so a cancelled run still records itself.</summary>
    public Task WriteAsync(IReadOnlyList<HistoryWrite> writes) => throw new NotImplementedException();

    public Task WriteAsync(HistoryWrite write) => WriteAsync([write]);

    public Task<PlaybookVersionRecord?> GetPlaybookVersionAsync(string playbookId, string version, string sha256, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<ExecutionRecord?> GetExecutionAsync(string executionId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<StepStateRecord>> GetStepStatesAsync(string executionId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsAsync(string executionId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<LogPage> GetLogsAsync(LogQuery query, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(string subjectId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
