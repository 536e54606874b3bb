using System.CommandLine;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Server.Cli.Control;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>control EXECUTION_ID ACTION [--step STEP] [--type T] [--correlation C] [--payload JSON] [--comment TEXT] [--data-dir DIR] [--database PATH|CONNECTION]
/// [--json] [--wait SECONDS]</c>: pause, resume, cancel, rollback, retry_step, skip_step or signal an execution.
/// Exit codes as <see cref="ApproveCommand"/>'s.
/// </summary>
internal sealed class ControlCommand : Command
{
    private static readonly string[] ActionNames = [.. Enum.GetValues<ControlAction>().Select(EnumNames.ToName)];

    private readonly CliContext _context;

    private readonly Argument<string> _execution = new("EXECUTION_ID")
    {
        Description = "The execution to act on (history lists them; run prints it).",
    };

    private readonly Argument<ControlAction> _action = new("ACTION")
    {
        // Else help shows the enum's own names, which are not the ones to type.
        HelpName = "ACTION",
        Description = "pause (running steps finish, no new one starts), resume, cancel (running steps stop now, finally runs), "
            + "rollback (a failed, completed or cancelled execution), retry_step or skip_step (a failed or interrupted step, with --step), "
            + "signal (an event, with --type).",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (!EnumNames.TryParse<ControlAction>(text, out var action))
            {
                result.AddError($"'{text}' is not an action; choose one of {string.Join(", ", ActionNames)}.");
            }

            return action;
        },
    };

    private readonly Option<string> _step = new("--step")
    {
        Description = "The step of retry_step and skip_step.",
        HelpName = "STEP",
    };

    private readonly Option<string> _type = new("--type")
    {
        Description = "The event type of signal: what an event step waits for.",
        HelpName = "T",
    };

    private readonly Option<string> _correlation = new("--correlation")
    {
        Description = "The correlation of signal; an event step that names one waits for this exact one.",
        HelpName = "C",
    };

    private readonly Option<Value> _payload = new("--payload")
    {
        Description = "The payload of signal, as JSON: the event step's output.payload.",
        HelpName = "JSON",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (!InputCoercion.TryParseJson(text, out var payload, out _))
            {
                result.AddError($"--payload must be JSON (an object, a list, a string in quotes, a number...), got '{text}'.");
            }

            return payload;
        },
    };

    private readonly Option<string> _comment = new("--comment")
    {
        Description = "Why, recorded in the audit trail.",
        HelpName = "TEXT",
    };

    private readonly AppliedRequestOptions _options = new();

    public ControlCommand(CliContext context)
        : base("control", "Pause, resume, cancel, roll back, retry or skip a step of, or signal an execution. Exits 0 when the action "
            + "was applied (with --wait: and the execution completed), 1 when it then failed, was cancelled or rolled back, 2 when it was "
            + "refused (unknown execution, an action its state does not allow: the message says which are), 3 when it is parked or still "
            + "running after --wait. An execution this process takes over to apply the action goes on here: the command exits once it "
            + "has ended or parked, whatever --wait says.")
    {
        _context = context;
        _action.CompletionSources.Clear();
        _action.CompletionSources.Add(ActionNames);
        Validators.Add(result =>
        {
            // Read from its token: the value of an action that is not one would throw its error here.
            if (result.GetResult(_action)?.Tokens is [var token] && EnumNames.TryParse<ControlAction>(token.Value, out var action)
                && Missing(action, result.GetValue(_step), result.GetValue(_type)) is { } missing)
            {
                result.AddError(missing);
            }
        });
        Add(_execution.RejectOptionLikeValues());
        Add(_action);
        Add(_step);
        Add(_type);
        Add(_correlation);
        Add(_payload);
        Add(_comment);
        _options.AddTo(this);
        SetAction(ExecuteAsync);
    }

    private Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var executionId = parseResult.GetRequiredValue(_execution);
        var action = parseResult.GetRequiredValue(_action);
        var stepId = parseResult.GetValue(_step);
        var request = new ControlRequest
        {
            ExecutionId = executionId,
            Action = action,
            StepId = stepId,
            SignalType = parseResult.GetValue(_type),
            Correlation = parseResult.GetValue(_correlation),
            Payload = parseResult.GetValue(_payload) ?? Value.Null,
            RequestedBy = CliContext.Identity,
            Comment = parseResult.GetValue(_comment),
        };
        var target = stepId is not null && action is ControlAction.RetryStep or ControlAction.SkipStep ? $" step '{stepId}' of" : "";
        var done = $"{EnumNames.ToName(action)}:{target} execution {executionId}, as {request.RequestedBy}";
        var arguments = _options.Read(parseResult, _context, executionId, done);
        return AppliedRequest.RunAsync(arguments, _context, (engine, token) => engine.ControlAsync(request, token), cancellationToken);
    }

    /// <summary>What the action needs and was not given, or null.</summary>
    private static string? Missing(ControlAction action, string? step, string? type) => action switch
    {
        ControlAction.RetryStep or ControlAction.SkipStep when string.IsNullOrWhiteSpace(step) =>
            $"{EnumNames.ToName(action)} needs --step STEP: the failed or interrupted step to {(action == ControlAction.RetryStep ? "run again" : "skip")}.",
        ControlAction.Signal when string.IsNullOrWhiteSpace(type) => "signal needs --type T: the event type the event step waits for.",
        _ => null,
    };
}
