using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.Planning;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The dry run of a child playbook that a parent's dry run would start: what a real run's <c>playbook</c> step would meet
/// first (too deep, a version that does not run for real), else a dry run of the child with the same inputs, linked to the
/// parent's dry run. That dry run is the one a child's <c>safety.dry_run_first</c> asks for when the real run starts it.
/// </summary>
internal sealed class ChildDryRunner(ExecutionHost host)
{
    public async Task<ChildDryRun> RunAsync(ExecutionRun parent, PlannedChild child)
    {
        var playbook = child.Playbook.Definition;
        var depth = parent.Request.Depth + 1;
        if (PlaybookAction.TooDeep(playbook.Id, depth) is { } tooDeep)
        {
            return new ChildDryRun(playbook.Id, null, ErrorCategory.Configuration, tooDeep);
        }

        var status = await host.PlaybookStatusAsync(playbook.Id, playbook.Version, CancellationToken.None).ConfigureAwait(false);
        if (PlaybookLifecycle.RefuseRun(playbook.Id, playbook.Version, status, dryRun: false) is { } notRunnable)
        {
            return Refused(playbook.Id, notRunnable);
        }

        try
        {
            var start = await host.StartAsync(new ExecutionRequest
            {
                Playbook = playbook,
                Content = child.Playbook.Content,
                Source = child.Playbook.Source,
                Inputs = child.Inputs,
                Incident = parent.Request.Incident,
                StartedBy = parent.Request.StartedBy,
                ParentExecutionId = parent.Id,
                Depth = depth,
                DryRun = true,
            }, null, CancellationToken.None).ConfigureAwait(false);
            var state = await host.StoredStateAsync(start.ExecutionId, CancellationToken.None).ConfigureAwait(false);
            if (state is null || state.Status == ExecutionStatus.Completed)
            {
                return new ChildDryRun(playbook.Id, start.ExecutionId, null, null);
            }

            var found = state.WouldFail.Count > 0 ? string.Join("; ", state.WouldFail) : state.Error?.Message ?? EnumNames.ToName(state.Status);
            return new ChildDryRun(playbook.Id, start.ExecutionId, state.Error?.Category ?? ErrorCategory.Validation,
                $"playbook: the child '{playbook.Id}' would fail (its dry run {start.ExecutionId}): {found}");
        }
        catch (ExecutionRefusedException refusal)
        {
            return Refused(playbook.Id, refusal.Message);
        }
    }

    /// <summary>As the real run's step words it (<see cref="ChildRuns.RunAsync"/>).</summary>
    private static ChildDryRun Refused(string playbookId, string reason) =>
        new(playbookId, null, ErrorCategory.Configuration, $"playbook: the child '{playbookId}' was refused: {reason}");
}
