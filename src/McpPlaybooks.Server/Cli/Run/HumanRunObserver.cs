using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using Spectre.Console;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Prints a run for people as it goes: a header, one line per step that reaches a state worth telling (ok, FAILED with
/// the step's last output lines, skipped, waiting...), the execution's log lines indented, and at the end a dry run's
/// plan and the summary. On a terminal the lines are coloured and <see cref="RunningText"/> feeds a spinner. The engine
/// calls it from several tasks; every write holds a lock.
/// </summary>
internal sealed class HumanRunObserver : IExecutionObserver
{
    /// <summary>The engine's own log line for a step's failure: the FAILED line says the same, so it is not printed twice.</summary>
    private const string StepFailedLog = "step failed (";

    private readonly Lock _lock = new();
    private readonly IAnsiConsole _console;
    private readonly bool _styled;
    private readonly string _playbookId;
    private readonly string _version;
    private readonly bool _dryRun;
    private readonly int _idWidth;
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private ExecutionState? _latest;
    private bool _headerWritten;
    private List<string>? _held;

    public HumanRunObserver(TextWriter output, PlaybookDefinition playbook, bool dryRun, bool styled = false)
        : this(output, playbook?.Id ?? throw new ArgumentNullException(nameof(playbook)), playbook.Version, playbook.Steps.Select(step => step.Id), dryRun, styled)
    {
    }

    /// <summary>An observer of an execution this process did not start (<c>approve</c>, <c>control</c>): what its state says of its playbook.</summary>
    public HumanRunObserver(TextWriter output, ExecutionState state, bool styled = false)
        : this(output, state?.PlaybookId ?? throw new ArgumentNullException(nameof(state)), state.PlaybookVersion, state.Steps.Select(step => step.Id), state.DryRun, styled)
    {
    }

    private HumanRunObserver(TextWriter output, string playbookId, string version, IEnumerable<string> stepIds, bool dryRun, bool styled)
    {
        _console = TerminalStyle.Console(output, styled);
        _styled = styled;
        _playbookId = playbookId;
        _version = version;
        _dryRun = dryRun;
        _idWidth = stepIds.Select(id => id.Length).DefaultIfEmpty(0).Max();
    }

    /// <summary>The console the lines go to: a spinner shown while the run goes must use the same one.</summary>
    public IAnsiConsole Console => _console;

    /// <summary>What runs now, for a spinner: <c>running restart, probe</c>, or <c>starting</c> before any step.</summary>
    public string RunningText
    {
        get
        {
            lock (_lock)
            {
                return _running.Count == 0 ? "working" : "running " + string.Join(", ", _running.Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>Whether anything of the execution was heard: it changed in this process (none of it is heard of a request forwarded to another).</summary>
    public bool Heard
    {
        get
        {
            lock (_lock)
            {
                return _headerWritten;
            }
        }
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
            if (step.Status == StepStatus.Running)
            {
                _running.Add(step.Id);
            }
            else
            {
                _running.Remove(step.Id);
            }

            // A dry run's steps are told once, with their plan, when it ends.
            var gate = _latest?.PendingApprovals.FirstOrDefault(approval => approval.StepId == step.Id);
            if (!_dryRun && HumanRunFormat.StepLine(step, _idWidth, gate) is { } line)
            {
                Write(line);
                foreach (var output in HumanRunFormat.FailureOutput(step))
                {
                    Write(output);
                }
            }
        }
    }

    public void LogWritten(ExecutionLogRecord entry)
    {
        if (entry.StepId is not null && entry.Level == ExecutionLogLevel.Error && entry.Message.StartsWith(StepFailedLog, StringComparison.Ordinal))
        {
            return;
        }

        lock (_lock)
        {
            EnsureHeader(entry.ExecutionId);
            var step = entry.StepId is null ? "" : entry.StepId + ": ";
            Write($"      [{EnumNames.ToName(entry.Level)}] {step}{HumanRunFormat.OneLine(entry.Message)}");
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
                var plan = state.Steps.SelectMany(step => HumanRunFormat.PlanLines(step, _idWidth))
                    .Concat(state.Finally.SelectMany(call => HumanRunFormat.PlanLines(call, _idWidth)));
                foreach (var line in plan)
                {
                    Write(line);
                }
            }

            foreach (var line in HumanRunFormat.Summary(state, elapsed))
            {
                Write(line);
            }
        }
    }

    private void EnsureHeader(string executionId)
    {
        if (!_headerWritten)
        {
            _headerWritten = true;
            Write(HumanRunFormat.Header(_playbookId, _version, executionId, _dryRun));
        }
    }

    /// <summary>Holds the lines heard from now until <see cref="Release"/>: a command that must first say whether its request was applied.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _held ??= [];
        }
    }

    /// <summary>Writes the lines held (<see cref="Hold"/>), in order, and writes each line as it comes from now on.</summary>
    public void Release()
    {
        lock (_lock)
        {
            var held = _held ?? [];
            _held = null;
            foreach (var line in held)
            {
                Write(line);
            }
        }
    }

    private void Write(string line)
    {
        if (_held is not null)
        {
            _held.Add(line);
            return;
        }

        // The console writes to standard output as is (its colours are its own): what the line quotes from history is made safe here.
        if (_styled)
        {
            _console.MarkupLine(StyledLine.Markup(TerminalText.Safe(line)));
        }
        else
        {
            _console.Profile.Out.Writer.WriteLine(TerminalText.Safe(line));
        }
    }
}
