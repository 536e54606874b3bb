using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The drive of execution {ExecutionId} failed")]
    public static partial void DriveFailed(ILogger logger, string executionId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lease operation failed; it is tried again at the next tick")]
    public static partial void LeaseError(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over execution {ExecutionId} (status {Status}): {Rerun} step(s) run again, {Interrupted} interrupted")]
    public static partial void TookOver(ILogger logger, string executionId, ExecutionStatus status, int rerun, int interrupted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over execution {ExecutionId} with a cancel its process recorded and did not carry out: cancelling it now")]
    public static partial void CancelAtTakeover(ILogger logger, string executionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel the children of execution {ExecutionId}, cancelled at its takeover")]
    public static partial void ChildrenCancelFailed(ILogger logger, string executionId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over execution {ExecutionId} with a pause its process recorded and did not carry out: pausing it now")]
    public static partial void PauseAtTakeover(ILogger logger, string executionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Takeover batch {Batch}: claimed {Claimed} unfinished executions in one update, resumed {Resumed} ({Total} so far, {ElapsedMs} ms since the scan began)")]
    public static partial void TookOverBatch(ILogger logger, int batch, int claimed, int resumed, int total, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not take over execution {ExecutionId}")]
    public static partial void TakeoverFailed(ILogger logger, string executionId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Control request {RequestId} for {ExecutionId} failed")]
    public static partial void RemoteRequestFailed(ILogger logger, long requestId, string executionId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of execution {ExecutionId}: {OwnerId} no longer holds it, {HolderId} does (epoch {Epoch}); this process stops running it, starts no new step and writes nothing more for it")]
    public static partial void LeaseLost(ILogger logger, string executionId, string ownerId, string holderId, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claimed execution {ExecutionId} again at epoch {Epoch}, after its lease expired or another process held it: the run this process kept from its lease at epoch {StaleEpoch} stops, its late writes are refused, and a new run goes on from the history")]
    public static partial void StaleRunReplaced(ILogger logger, string executionId, long epoch, long staleEpoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "A start of playbook {PlaybookId} was overtaken by another process's start ({Broken}) before it was recorded; checking it again (check {Checks})")]
    public static partial void StartOvertaken(ILogger logger, string playbookId, string broken, int checks);
}
