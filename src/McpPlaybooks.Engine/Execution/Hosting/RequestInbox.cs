using System.Collections.Concurrent;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The requests other processes queued in history for the executions this process owns (<see cref="RequestForwarder"/>):
/// taken up once each, applied by <paramref name="decide"/> or <paramref name="control"/> as if asked here, and their
/// outcome recorded for the asking side. A takeover takes up the cancel or pause queued for the process that died owning
/// the execution (<see cref="TakeQueuedAsync"/>).
/// </summary>
internal sealed class RequestInbox(
    HistoryStore history,
    EngineServices services,
    Func<ApprovalRequest, CancellationToken, Task<ExecutionState>> decide,
    Func<ControlRequest, CancellationToken, Task<ExecutionState>> control,
    ILogger logger)
{
    /// <summary>Requests taken up by this process (kept: a read that began before one was marked handled may still list it).</summary>
    private readonly ConcurrentDictionary<long, byte> _applying = new();

    /// <summary>Where the requests taken up are applied: in order per execution.</summary>
    private readonly RequestLanes _lanes = new();

    /// <summary>Applies the requests other processes queued for the executions this process owns.</summary>
    public async Task ApplyPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await history.GetPendingControlRequestsAsync(services.OwnerId, cancellationToken).ConfigureAwait(false);

        // In the order they were queued, one after another per execution; executions apart, and the tick waits for none.
        _lanes.Hand(pending, r => _applying.TryAdd(r.Id, 0), record => ApplyAsync(record, cancellationToken));
    }

    /// <summary>
    /// The cancel or pause queued for the process that died owning the execution (<see cref="QueuedRequest"/>), recorded as
    /// carried out here (its audit, the request handled and those it supersedes refused, in one commit) for the takeover to
    /// carry out; null when none.
    /// </summary>
    public async Task<ControlAction?> TakeQueuedAsync(ExecutionRun run, ExecutionStatus status, CancellationToken cancellationToken)
    {
        if (await QueuedRequest.ReadAsync(history, services.OwnerId, run.Id, status, cancellationToken).ConfigureAwait(false) is not { } queued
            || !_applying.TryAdd(queued.Id, 0))
        {
            return null;
        }

        var superseded = queued.Superseded.Where(id => _applying.TryAdd(id, 0)).ToList();
        try
        {
            await run.RecordQueuedAsync(queued.Request, queued.Id, superseded).ConfigureAwait(false);
        }
        catch
        {
            foreach (var id in superseded.Append(queued.Id))
            {
                _applying.TryRemove(id, out _);
            }

            throw;
        }

        return queued.Request.Action;
    }

    private async Task ApplyAsync(ControlRequestRecord record, CancellationToken cancellationToken)
    {
        try
        {
            string? error = null;
            try
            {
                _ = RemoteRequests.Parse(record) switch
                {
                    ApprovalRequest decision => await decide(decision, cancellationToken).ConfigureAwait(false),
                    // A cancel is handled once recorded: its finally steps may outlast the asking side's wait.
                    ControlRequest request => await control(request with { AnswerWhenRecorded = request.Action == ControlAction.Cancel }, cancellationToken).ConfigureAwait(false),
                    _ => null,
                };
            }
            catch (ExecutionRefusedException refusal)
            {
                error = RemoteRequests.Store(refusal);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HostLog.RemoteRequestFailed(logger, record.Id, record.ExecutionId, e);
                error = $"{RefusalKind.InvalidRequest}|the owning process could not apply it: {e.Message}";
            }

            await history.WriteAsync([new HistoryWrite.CompleteControlRequest(record.Id, services.Time.GetUtcNow(), error)]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HistoryWriteException or ObjectDisposedException or OperationCanceledException)
        {
            HostLog.RemoteRequestFailed(logger, record.Id, record.ExecutionId, e);
        }
    }
}
