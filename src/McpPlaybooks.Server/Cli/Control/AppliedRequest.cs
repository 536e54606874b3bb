using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>
/// A request on an existing execution (<c>approve</c>, <c>control</c>): opens the engine on the data directory, applies
/// the request, optionally waits for the execution to end or park (without <c>--wait</c>, when this process drives it
/// after the request: it would wait for that drive anyway), prints its state, and waits until this process drives nothing
/// before it exits. Exit 0 applied (with <c>--wait</c>: completed), 1 ended failed, cancelled or rolled
/// back, 2 refused, 3 parked or still running after <c>--wait</c>.
/// </summary>
internal static class AppliedRequest
{
    public static async Task<int> RunAsync(
        AppliedRequestArguments arguments,
        CliContext context,
        Func<PlaybookEngine, CancellationToken, Task<ExecutionState>> apply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(apply);
        if (arguments.History is not { } target || CliEngine.ReadOptions(target, context, CliEngine.ResumesOnOpen(target)) is not { } options)
        {
            return ExitCodes.Usage;
        }

        switch (await StoredHistory.ExistsAsync(target, context, cancellationToken))
        {
            case null:
                return ExitCodes.Failure;
            case false:
                // Opening the engine would create a history for nothing.
                var option = target.OwnDatabase ? "--database" : "--data-dir";
                context.Error.WriteLine($"error: no execution '{arguments.ExecutionId}': {target.Name} holds no history yet (is {option} right?)");
                return ExitCodes.Usage;
        }

        return await CliEngine.UseAsync(options, target, context, "cancelled", async session =>
        {
            var exitCode = await ApplyAsync(session.Engine, target, arguments, context, apply, cancellationToken);
            await session.FinishAsync([arguments.ExecutionId], cancellationToken);
            return exitCode;
        }, cancellationToken);
    }

    private static async Task<int> ApplyAsync(
        PlaybookEngine engine,
        HistoryTarget target,
        AppliedRequestArguments arguments,
        CliContext context,
        Func<PlaybookEngine, CancellationToken, Task<ExecutionState>> apply,
        CancellationToken cancellationToken)
    {
        var id = arguments.ExecutionId;
        var before = await engine.GetStateAsync(id, cancellationToken);
        if (before is not null && (await DeadOwners.HeldElsewhereAsync(engine, cancellationToken)).Where(e => e.Id == id).ToList() is [_] held)
        {
            // Killed outright, its process still holds the lease: wait for it to expire rather than queue the request for nobody.
            await DeadOwners.WaitForExpiryAsync(held, target.Location.Kind, context.Error, cancellationToken);
        }

        // Subscribed before the request, so that no step line is missed (a request forwarded to its owner hears nothing here);
        // what it hears is held until the command has said that the request was applied.
        var observer = before is not null && !arguments.Json ? new HumanRunObserver(context.ConsoleOut, before, TerminalStyle.IsOn(context)) : null;
        observer?.Hold();
        using var subscription = observer is null ? null : engine.Observe(id, observer);
        var started = TimeProvider.System.GetTimestamp();
        ExecutionState state;
        try
        {
            state = await apply(engine, cancellationToken);
        }
        catch (ExecutionRefusedException refusal)
        {
            context.Error.WriteLine($"error: {CliWording.Of(refusal.Message, arguments.ExecutionId)}");
            return ExitCodes.Usage;
        }

        if (!arguments.Json)
        {
            context.Out.WriteLine(arguments.Done);
        }

        observer?.Release();

        // Without --wait, a request this process applied (the execution changed here, or is held here: an approval that opened
        // the gate, a retry_step) is followed until its drive ends or parks, as `run` shows it: the command would wait for that
        // drive all the same. Shown as the request left it, it said "waits for approval" under the approval just given, then
        // waited in silence while the step ran. The follow stops when the drive does, or when the run leaves this process (a
        // lost lease). A request forwarded to the execution's owner is shown as it left it.
        var follow = observer is not null && arguments.WaitSeconds == 0 && (observer.Heard || engine.Holds(id));
        if (arguments.WaitSeconds > 0)
        {
            state = await engine.WaitAsync(id, TimeSpan.FromSeconds(arguments.WaitSeconds), cancellationToken);
        }
        else if (follow)
        {
            try
            {
                do
                {
                    state = await engine.WaitAsync(id, TimeSpan.FromSeconds(1), cancellationToken);
                }
                while (engine.Drives(id));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the state as it stands is shown, and the wait before exiting says what becomes of the execution.
                state = await engine.GetStateAsync(id, CancellationToken.None) ?? state;
            }
        }

        if (arguments.Json)
        {
            context.Out.WriteLine(ExecutionStateJson.ToJson(state, CliStateJson.Bounded));
        }
        else if (observer is not null && (arguments.WaitSeconds > 0 || follow))
        {
            observer.Finish(state, TimeProvider.System.GetElapsedTime(started));
        }
        else
        {
            // The state as the request left it: the execution may be moving on already, so no advice on what to do next.
            foreach (var line in HumanRunFormat.Summary(state, TimeProvider.System.GetElapsedTime(started), nextSteps: false))
            {
                context.Out.WriteLine(line);
            }
        }

        return arguments.WaitSeconds > 0 ? RunExitCode.AfterWait(state.Status) : ExitCodes.Success;
    }
}
