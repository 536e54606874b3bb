using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.History;

/// <summary>The history's few log lines.</summary>
internal static partial class HistoryLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "History opened at {Path} (schema version {Version}, {Applied} migrations applied)")]
    public static partial void Opened(ILogger logger, string path, int version, int applied);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "History write failed: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "A transaction of {Batches} batches in {Path} failed ({Reason}); committing them one by one")]
    public static partial void RetryingAlone(ILogger logger, int batches, string path, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A commit of {Batches} batches to {Path} took {ElapsedMs} ms (another process held the write lock, or the disk is slow)")]
    public static partial void SlowCommit(ILogger logger, int batches, string path, long elapsedMs);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Cleaning up the history at {Path}: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "The history file {Path} is readable by other users and cannot be narrowed to 0600 (another user owns it): chmod 600 it")]
    public static partial void NotPrivate(ILogger logger, string path);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Refused a late write for execution {ExecutionId} by owner {OwnerId} at lease epoch {Epoch}: the lease is held by {HolderId} at epoch {HolderEpoch} now; nothing of it was stored ({Batch}), and this process stops running the execution")]
    public static partial void WriteRefused(ILogger logger, string executionId, string ownerId, long epoch, string holderId, long holderEpoch, string batch);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "The planner's statistics of {Path} were not refreshed after opening ({Reason}); the hourly refresh tries again")]
    public static partial void StatisticsNotRefreshed(ILogger logger, string path, string reason);
}
