using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// How a run leaves the process once it has ended (<see cref="RunRetirement"/>): after its drive has settled and no control
/// action is on it, its lease is released, then it leaves the runs.
/// </summary>
internal sealed partial class ExecutionHost
{
    /// <summary>Once a finished run's drive has settled, it leaves the process (<see cref="RetireAsync"/>).</summary>
    private async Task ForgetWhenFinishedAsync(ExecutionRun run)
    {
        try
        {
            await run.Settled.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the drive's caller sees the error; here only the bookkeeping matters
        }

        await RetireAsync(run).ConfigureAwait(false);
    }

    /// <summary>
    /// An ended run with no drive and no control action on it leaves the process: its lease is released first, then it leaves
    /// the runs, so that a request in between neither reopens it without a lease nor takes it from history while the release
    /// is still to come (which would release the new run's lease). Only the run this process holds the execution with: one
    /// replaced meanwhile (a lost lease) releases nothing.
    /// </summary>
    private async Task RetireAsync(ExecutionRun run)
    {
        if (!_runs.TryGet(run.Id, out var held) || held != run || !run.Retirement.TryRetire(() => run.HasEnded))
        {
            return;
        }

        try
        {
            await ReleaseQuietlyAsync(run.Id).ConfigureAwait(false);
        }
        finally
        {
            _runs.Leave(run);
            run.Retirement.Left();
        }
    }

    private async Task ReleaseQuietlyAsync(string executionId)
    {
        try
        {
            await History.ReleaseAsync(Services.OwnerId, executionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HistoryWriteException or ObjectDisposedException)
        {
            HostLog.LeaseError(_logger, e);
        }
    }
}
