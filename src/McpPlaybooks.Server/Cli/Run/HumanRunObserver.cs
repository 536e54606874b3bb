using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Prints a run for people as it goes: a header, one line per step that reaches a state worth
/// telling (ok, FAILED, skipped, waiting...), the execution's log lines indented, and at the end a
/// dry run's plan and the summary. The engine calls it from several tasks; every write holds a lock.
/// </summary>
internal sealed class HumanRunObserver(TextWriter output, PlaybookDefinition playbook, bool dryRun) : IExecutionObserver
{
    private readonly Lock _lock = new();
    private readonly int _idWidth = playbook.Steps.Select(step => step.Id.Length).DefaultIfEmpty(0).Max();
    private ExecutionState? _latest;
    private bool _headerWritten;

    public void ExecutionChanged(ExecutionState state)
    {
        lock (_lock)
        {
            _latest = state;
            EnsureHeader(state.ExecutionId);
        }
    }

    public void StepChanged(string executionId, StepState step)
    {
        lock (_lock)
        {
            EnsureHeader(executionId);

            // A dry run's steps are told once, with their plan, when it ends.
            var gate = _latest?.PendingApprovals.FirstOrDefault(approval => approval.StepId == step.Id);
            if (!dryRun && HumanRunFormat.StepLine(step, _idWidth, gate) is { } line)
            {
                output.WriteLine(line);
            }
        }
    }

    public void LogWritten(ExecutionLogRecord entry)
    {
        lock (_lock)
        {
            EnsureHeader(entry.ExecutionId);
            var step = entry.StepId is null ? "" : entry.StepId + ": ";
            output.WriteLine($"      [{EnumNames.ToName(entry.Level)}] {step}{HumanRunFormat.OneLine(entry.Message)}");
        }
    }

    /// <summary>Writes what comes after the last step: a dry run's plan, then the summary.</summary>
    public void Finish(ExecutionState state, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            EnsureHeader(state.ExecutionId);
            if (dryRun)
            {
                foreach (var line in state.Steps.SelectMany(step => HumanRunFormat.PlanLines(step, _idWidth)))
                {
                    output.WriteLine(line);
                }
            }

            foreach (var line in HumanRunFormat.Summary(state, elapsed))
            {
                output.WriteLine(line);
            }
        }
    }

    private void EnsureHeader(string executionId)
    {
        if (!_headerWritten)
        {
            _headerWritten = true;
            output.WriteLine(HumanRunFormat.Header(playbook.Id, playbook.Version, executionId, dryRun));
        }
    }
}
