using System.CommandLine;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>show EXECUTION_ID [--data-dir DIR] [--database PATH|CONNECTION] [--json]</c>: an execution's state as history has it, for a person at a
/// terminal: its steps, pending gates, error and what to do next; or the same JSON document as <c>run --json</c>.
/// </summary>
internal sealed class ShowCommand : Command
{
    private readonly CliContext _context;

    private readonly Argument<string> _execution = ExecutionIdArgument.Create();

    private readonly HistoryOptions _history = new();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the execution's state as one JSON document on stdout (as 'run --json' does), and nothing else.",
    };

    public ShowCommand(CliContext context)
        : base("show", "Show an execution's state: each step, pending approvals, the error, and what to do next. Reads the history only: it changes nothing.")
    {
        _context = context;
        Add(_execution);
        _history.AddTo(this);
        Add(_json);
        SetAction(ExecuteAsync);
    }

    private Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (_history.Resolve(parseResult, _context) is not { } target)
        {
            return Task.FromResult(ExitCodes.Usage);
        }

        var id = parseResult.GetValue(_execution)!;
        return StoredHistory.ReadAsync(target, _context, async store =>
        {
            var state = await StoredExecutionState.LoadAsync(store, id, cancellationToken);
            if (state is null)
            {
                StoredHistory.WriteUnknown(id, target, _context);
                return ExitCodes.Usage;
            }

            if (parseResult.GetValue(_json))
            {
                _context.Out.WriteLine(ExecutionStateJson.ToJson(state, CliStateJson.Bounded));
            }
            else
            {
                Write(state);
            }

            return ExitCodes.Success;
        }, cancellationToken);
    }

    private void Write(ExecutionState state)
    {
        var output = _context.Out;
        output.WriteLine($"{state.PlaybookId} {state.PlaybookVersion} (execution {state.ExecutionId}{(state.DryRun ? ", dry run" : "")})");
        var width = state.Steps.Count == 0 ? 0 : state.Steps.Max(s => s.Id.Length);
        foreach (var step in state.Steps)
        {
            var lines = state.DryRun
                ? HumanRunFormat.PlanLines(step, width)
                : [HumanRunFormat.StepLine(step, width, state.PendingApprovals.FirstOrDefault(g => g.StepId == step.Id)) ?? HumanRunFormat.Row(EnumNames(step.Status), step.Id, width, "")];
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }
        }

        // An unfinished execution has been going since it started (and was not "running in 0 ms").
        var soFar = state.EndedAt is null && state.StartedAt is { } start ? TimeProvider.System.GetUtcNow() - start : TimeSpan.Zero;
        foreach (var line in HumanRunFormat.Summary(state, soFar, soFar: true))
        {
            output.WriteLine(line);
        }
    }

    private static string EnumNames(StepStatus status) => Engine.Definitions.EnumNames.ToName(status);
}
