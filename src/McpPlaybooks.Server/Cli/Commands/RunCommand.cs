using System.CommandLine;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Cli.Control;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>run PATH|ID [--input NAME=VALUE]... [--inputs-json JSON] [--dry-run] [--auto-approve] [--idempotency-key KEY]
/// [--data-dir DIR] [--database PATH|CONNECTION] [--json]</c>: runs a playbook to its end, showing each step as it goes.
/// Exit 0 completed, 1 failed/cancelled/rolled back, 2 invalid playbook or inputs or a refused run, 3 parked (waiting for approval, or paused).
/// </summary>
internal sealed class RunCommand : Command
{
    private readonly CliContext _context;

    private readonly Argument<string> _playbook = new("PATH|ID")
    {
        Description = "A playbook file, or the id of a playbook in ./playbooks or the bundled playbooks (the highest version wins).",
    };

    private readonly Option<string[]> _inputs = new("--input")
    {
        Description = "An input, NAME=VALUE, typed by the playbook's declaration (numbers, true/false, JSON for arrays and objects). Repeatable.",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> _inputsJson = new("--inputs-json")
    {
        Description = "Inputs as one JSON object; an --input of the same name wins.",
        HelpName = "JSON",
    };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Walk the playbook and print what each step would do, touching nothing.",
    };

    private readonly Option<bool> _autoApprove = new("--auto-approve")
    {
        Description = "Pass the approval gates you may decide (no approver list, or one naming you), recorded as approved by you.",
    };

    private readonly Option<string> _idempotencyKey = new("--idempotency-key")
    {
        Description = "Names this start: the same key with the same request gives back the execution it started; with another request it is refused.",
        HelpName = "KEY",
    };

    private readonly HistoryOptions _history = new();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the execution's final state as one JSON document on stdout, and nothing else.",
    };

    public RunCommand(CliContext context)
        : base("run", "Run a playbook to its end, showing each step as it goes. Exits 0 when it completed, 1 when it failed, was cancelled or rolled back, "
            + "2 when the playbook or the inputs are invalid or the run was refused (a guardrail, a playbook that is not active), 3 when it "
            + "parked: at an approval gate (go on with 'approve'), or paused (go on with 'control'). Unfinished executions of an SQLite "
            + "history whose process stopped are resumed too (not by --dry-run), and waited for before exiting (on PostgreSQL the servers, or 'resume', take them over).")
    {
        _context = context;
        Add(_playbook.RejectOptionLikeValues());
        Add(_inputs);
        Add(_inputsJson);
        Add(_dryRun);
        Add(_autoApprove);
        Add(_idempotencyKey);
        _history.AddTo(this);
        Add(_json);
        SetAction(ExecuteAsync);
    }

    private Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var arguments = new RunArguments(
            parseResult.GetRequiredValue(_playbook),
            parseResult.GetValue(_inputs) ?? [],
            parseResult.GetValue(_inputsJson),
            parseResult.GetValue(_dryRun),
            parseResult.GetValue(_autoApprove),
            _history.DataDirectory(parseResult),
            parseResult.GetValue(_json),
            parseResult.GetValue(_idempotencyKey),
            _history.Database(parseResult));
        if (RunPreparation.Prepare(arguments, _context) is not { } prepared)
        {
            return Task.FromResult(ExitCodes.Usage);
        }

        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        var styled = TerminalStyle.IsOn(_context);
        var observer = arguments.Json ? null : new HumanRunObserver(_context.ConsoleOut, prepared.Request.Playbook, arguments.DryRun, styled);
        return CliEngine.UseAsync(prepared.Options, prepared.History, _context, "cancelled before the execution started", async session =>
        {
            ExecutionStart start;
            try
            {
                start = await session.Engine.StartAsync(prepared.Request, observer, cancellationToken);
            }
            catch (ExecutionRefusedException refusal)
            {
                // A guardrail, the playbook's lifecycle or a key used for another request: the message says which, and what to do.
                _context.Error.WriteLine($"error: {CliWording.Of(refusal.Message, playbook: prepared.Request.Playbook.Id)}");
                await session.FinishAsync([], cancellationToken);
                return ExitCodes.Usage;
            }

            if (start.Duplicate)
            {
                _context.Error.WriteLine($"error: duplicate run: {DuplicateRun.Describe(start, await session.Engine.GetStateAsync(start.ExecutionId, cancellationToken))}");
                await session.FinishAsync([], cancellationToken);
                return ExitCodes.Usage;
            }

            if (start.Note is { } note)
            {
                _context.Error.WriteLine($"note: {note}");
            }

            var state = await RunSpinner.WhileAsync(observer, styled, () => session.Engine.FollowAsync(start, CliContext.Identity, cancellationToken));

            if (observer is null)
            {
                _context.Out.WriteLine(ExecutionStateJson.ToJson(state, CliStateJson.Bounded));
            }
            else
            {
                observer.Finish(state, time.GetElapsedTime(started));
            }

            // Executions resumed on opening go on here: wait for them before the engine goes, and say how they stand.
            await session.FinishAsync([], cancellationToken);
            // Running: its steps wait only for parked child executions, as parked as a gate.
            return RunExitCode.AfterWait(state.Status);
        }, cancellationToken);
    }
}
