using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History.Starts;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Starting: lifecycle, idempotency, identical active runs, guardrails; then the run is recorded (with what the checks found,
/// checked again in that transaction: across processes) and driven.
/// </summary>
internal sealed partial class ExecutionHost
{
    /// <summary>How often a start checks again after other processes' starts overtook it, before it gives up (an error saying to retry).</summary>
    private const int StartChecksAtMost = 8;

    /// <summary>
    /// Starts an execution whose inputs are already bound. Refusals throw <see cref="ExecutionRefusedException"/>
    /// before anything is recorded; an idempotency key or an identical active run returns the existing execution. A dry run
    /// neither takes nor looks up an idempotency key (its start's note says so).
    /// The checks read history under this process's start lock; what they found is recorded with the start as its
    /// <see cref="StartClaim"/>, checked again in the transaction that inserts it, so a start that another process recorded
    /// meanwhile is seen: this one is then checked again, and answers as if it had seen that start from the beginning.
    /// </summary>
    public async Task<ExecutionStart> StartAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken)
    {
        if (request.DryRun && request.IdempotencyKey is { } key)
        {
            // A dry run acts on nothing, so nothing could happen twice: the key is left to the real run it prepares.
            var dryRun = await StartAsync(request with { IdempotencyKey = null }, observer, cancellationToken).ConfigureAwait(false);
            return dryRun with { Note = KeyLeftToTheRealRun(key) };
        }

        var playbook = request.Playbook;
        var status = await PlaybookStatusAsync(playbook.Id, playbook.Version, cancellationToken).ConfigureAwait(false);
        if (PlaybookLifecycle.RefuseRun(playbook.Id, playbook.Version, status, request.DryRun) is { } notRunnable)
        {
            throw new ExecutionRefusedException(RefusalKind.PlaybookNotRunnable, notRunnable);
        }

        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        ExecutionRun run;
        try
        {
            for (var checks = 1; ; checks++)
            {
                // The run's record holds the hash, the masked inputs and the secret inputs' digest as they are stored: the checks compare those.
                run = CreateRun(request);
                var now = Now;
                if (await _startChecks.CheckAsync(request, run.Record, now, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    return existing;
                }

                if (observer is not null)
                {
                    // Before the start is recorded, so the observer hears it.
                    _runs.Observe(run.Id, Observers.Add(run.Id, observer));
                }

                _runs.Hold(run);
                try
                {
                    if (!await run.BeginAsync(StartChecks.Claim(request, run.Record, now)).ConfigureAwait(false))
                    {
                        _runs.ForgetUnstarted(run);
                        return new ExecutionStart(run.Id, Existing: false, Note: null);
                    }

                    break;
                }
                catch (StartOvertakenException overtaken)
                {
                    // Another process recorded a start first that these checks did not see: check again, seeing it.
                    _runs.ForgetUnstarted(run);
                    HostLog.StartOvertaken(_logger, playbook.Id, overtaken.Broken, checks);
                    if (checks == StartChecksAtMost)
                    {
                        throw;
                    }
                }
                catch
                {
                    // Not recorded (history full or gone): nothing of it stays held here, no lease renewed for it.
                    _runs.ForgetUnstarted(run);
                    throw;
                }
            }
        }
        finally
        {
            _startLock.Release();
        }

        if (request.DryRun)
        {
            // Planned here, not under the start lock: the dry runs of its child playbooks start too.
            try
            {
                await run.PlanDryRunAsync().ConfigureAwait(false);
            }
            finally
            {
                _runs.ForgetUnstarted(run);
            }

            return new ExecutionStart(run.Id, Existing: false, Note: null);
        }

        _ = run.Drive();
        return new ExecutionStart(run.Id, Existing: false, Note: null);
    }

    private static string KeyLeftToTheRealRun(string key) =>
        $"a dry run does not take an idempotency key: '{key}' is still free, and the first real run with it starts an execution of its own.";

    /// <summary>The lifecycle status of a version: the one recorded, else active (a file on disk).</summary>
    public async Task<PlaybookStatus> PlaybookStatusAsync(string playbookId, string version, CancellationToken cancellationToken) =>
        (await History.GetPlaybookStatusAsync(playbookId, version, cancellationToken).ConfigureAwait(false))?.Status ?? PlaybookStatus.Active;
}
