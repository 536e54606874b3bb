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
internal sealed class HumanRunObserver : IExecutionObserver
{
    private readonly Lock _lock = new();
    private readonly TextWriter _output;
    private readonly string _playbookId;
    private readonly string _version;
    private readonly bool _dryRun;
    private readonly int _idWidth;
    private ExecutionState? _latest;
    private bool _headerWritten;

    public HumanRunObserver(TextWriter output, PlaybookDefinition playbook, bool dryRun)
        : this(output, playbook?.Id ?? throw new ArgumentNullException(nameof(playbook)), playbook.Version, playbook.Steps.Select(step => step.Id), dryRun)
    {
    }

    /// <summary>An observer of an execution this process did not start (<c>approve</c>, <c>control</c>): what its state says of its playbook.</summary>
    public HumanRunObserver(TextWriter output, ExecutionState state)
        : this(output, state?.PlaybookId ?? throw new ArgumentNullException(nameof(state)), state.PlaybookVersion, state.Steps.Select(step => step.Id), state.DryRun)
    {
    }

    private HumanRunObserver(TextWriter output, string playbookId, string version, IEnumerable<string> stepIds, bool dryRun)
    {
        _output = output;
        _playbookId = playbookId;
        _version = version;
        _dryRun = dryRun;
        _idWidth = stepIds.Select(id => id.Length).DefaultIfEmpty(0).Max();
    }

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
            if (!_dryRun && HumanRunFormat.StepLine(step, _idWidth, gate) is { } line)
            {
                _output.WriteLine(line);
            }
        }
    }

    public void LogWritten(ExecutionLogRecord entry)
    {
        lock (_lock)
        {
            EnsureHeader(entry.ExecutionId);
            var step = entry.StepId is null ? "" : entry.StepId + ": ";
            _output.WriteLine($"      [{EnumNames.ToName(entry.Level)}] {step}{HumanRunFormat.OneLine(entry.Message)}");
        }
    }

    /// <summary>Writes what comes after the last step: a dry run's plan, then the summary.</summary>
    public void Finish(ExecutionState state, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            EnsureHeader(state.ExecutionId);
            if (_dryRun)
            {
                foreach (var line in state.Steps.SelectMany(step => HumanRunFormat.PlanLines(step, _idWidth))
                    .Concat(state.Finally.SelectMany(call => HumanRunFormat.PlanLines(call, _idWidth))))
                {
                    _output.WriteLine(line);
                }
            }

            foreach (var line in HumanRunFormat.Summary(state, elapsed))
            {
                _output.WriteLine(line);
            }
        }
    }

    private void EnsureHeader(string executionId)
    {
        if (!_headerWritten)
        {
            _headerWritten = true;
            _output.WriteLine(HumanRunFormat.Header(_playbookId, _version, executionId, _dryRun));
        }
    }
}
