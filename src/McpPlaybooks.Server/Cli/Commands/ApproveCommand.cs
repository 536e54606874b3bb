using System.CommandLine;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>approve EXECUTION_ID STEP_ID [--reject] [--comment TEXT] [--as IDENTITY] [--data-dir DIR] [--database PATH|CONNECTION] [--json] [--wait SECONDS]</c>:
/// records a decision on a pending approval gate. Exit 0 applied (with <c>--wait</c>: completed), 1 ended failed, cancelled or
/// rolled back, 2 refused, 3 parked or still running after <c>--wait</c>.
/// </summary>
internal sealed class ApproveCommand : Command
{
    private readonly CliContext _context;

    private readonly Argument<string> _execution = new("EXECUTION_ID")
    {
        Description = "The execution waiting at the gate (history lists them; run prints it).",
    };

    private readonly Argument<string> _step = new("STEP_ID")
    {
        Description = "The gated step; _start for the gate of safety.require_approval.",
    };

    private readonly Option<bool> _reject = new("--reject")
    {
        Description = "Reject instead of approve: the gated step fails (or is skipped, as the gate says).",
    };

    private readonly Option<string> _comment = new("--comment")
    {
        Description = "Why, recorded with the decision.",
        HelpName = "TEXT",
    };

    private readonly Option<string> _as = new("--as")
    {
        Description = "The name you approve as: only the name Approvals:Users (MCPPLAYBOOKS_APPROVAL_USERS) maps your OS user to. Default: cli:<your user name>, with that mapping's name and roles.",
        HelpName = "IDENTITY",
    };

    private readonly AppliedRequestOptions _options = new();

    public ApproveCommand(CliContext context)
        : base("approve", "Approve (or --reject) a step waiting at an approval gate, on the record. Exits 0 when the decision was applied "
            + "(with --wait: and the execution completed), 1 when it then failed, was cancelled or rolled back, 2 when it was refused "
            + "(unknown execution, no pending gate on that step, an approver not on the gate's list), 3 when it is parked again or still "
            + "running after --wait. The execution goes on in this process: the command exits once it has ended or parked again, "
            + "whatever --wait says.")
    {
        _context = context;
        _as.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && string.IsNullOrWhiteSpace(token.Value))
            {
                result.AddError("--as must name an identity (leave it out to be recorded as cli:<your user name>).");
            }
        });
        Add(_execution.RejectOptionLikeValues());
        Add(_step.RejectOptionLikeValues());
        Add(_reject);
        Add(_comment);
        Add(_as);
        _options.AddTo(this);
        SetAction(ExecuteAsync);
    }

    private Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var executionId = parseResult.GetRequiredValue(_execution);
        var stepId = parseResult.GetRequiredValue(_step);
        var approve = !parseResult.GetValue(_reject);
        var problems = new List<string>();
        var settings = ApprovalSettingsReader.Read(_context.Environment, problems);
        var by = Approvers.Cli(Environment.UserName, settings, parseResult.GetValue(_as)?.Trim(), out var refusal);
        if (refusal is not null || problems.Count > 0)
        {
            foreach (var problem in problems.Append(refusal).OfType<string>())
            {
                _context.Error.WriteLine($"mcp-playbooks approve: {problem}");
            }

            return Task.FromResult(2);
        }

        var approver = by.Name is { } name ? $"{by.Identity} ({name})" : by.Identity;
        var request = new ApprovalRequest
        {
            ExecutionId = executionId,
            StepId = stepId,
            Approve = approve,
            By = by,
            Comment = parseResult.GetValue(_comment),
        };
        var done = $"{(approve ? "approved" : "rejected")} step '{stepId}' of execution {executionId} as {approver}";
        var arguments = _options.Read(parseResult, _context, executionId, done);
        return AppliedRequest.RunAsync(arguments, _context, (engine, token) => engine.DecideAsync(request, token), cancellationToken);
    }
}
