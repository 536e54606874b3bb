using System.Text.Json;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// <c>execute_playbook</c>: starts an execution of a catalogue playbook (or a dry run), optionally waits for it with
/// progress, and returns its state. A dry run always waits for its end (it touches nothing, and ends at once).
/// </summary>
internal sealed class ExecutePlaybookTool : PlaybookTool
{
    private static readonly TimeSpan DryRunWait = TimeSpan.FromSeconds(30);

    private readonly PlaybookEngine _engine;
    private readonly PlaybookCatalog _catalog;
    private readonly ExecutionWaiter _waiter;

    public ExecutePlaybookTool(PlaybookEngine engine, PlaybookCatalog catalog, TimeProvider time, ILogger<ExecutePlaybookTool> logger)
        : base(Declare(), logger)
    {
        _engine = engine;
        _catalog = catalog;
        _waiter = new ExecutionWaiter(engine, time, logger);
    }

    private static ToolDefinition Declare() => new()
    {
        Name = "execute_playbook",
        Title = "Execute a playbook",
        Description = "Runs a playbook; returns its state. Do a dry_run first and show the plan; "
            + "run for real once the user agrees.",
        Parameters =
        [
            ToolParameter.String("playbook_id", "From list_playbooks.", required: true),
            ToolParameter.String("version", "Default: the latest."),
            ToolParameter.Object("inputs", "By name; see get_playbook."),
            ToolParameter.ObjectOrString("incident", "Alert JSON or a sentence."),
            ToolParameter.Boolean("dry_run", "Plan only; touch nothing."),
            ToolParameter.String("idempotency_key", "Same key, same execution."),
            WaitParameter,
        ],
        OutputSchema = ToolSchemas.ExecutionState,
        Destructive = true,
        OpenWorld = true,
    };

    /// <summary>The <c>wait_seconds</c> of the tools that act on an execution.</summary>
    internal static ToolParameter WaitParameter { get; } = ToolParameter.Integer("wait_seconds", "Wait for the end or a gate (default 0).", 0, 900);

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        var entry = Find(arguments.Required("playbook_id"), arguments.String("version"));
        var dryRun = arguments.Boolean("dry_run") ?? false;
        var wait = dryRun ? DryRunWait : TimeSpan.FromSeconds(arguments.Integer("wait_seconds") ?? 0);
        var request = new ExecutionRequest
        {
            Playbook = entry.Definition,
            Content = entry.Content,
            Source = entry.Path,
            Inputs = arguments.Json("inputs") is { } inputs ? inputs.EnumerateObject().ToDictionary(p => p.Name, p => Value.FromJson(p.Value), StringComparer.Ordinal) : new Dictionary<string, Value>(),
            Incident = arguments.Json("incident") is { } incident
                ? incident.ValueKind == JsonValueKind.String ? Value.From(incident.GetString()) : Value.FromJson(incident)
                : Value.Null,
            DryRun = dryRun,
            IdempotencyKey = arguments.String("idempotency_key"),
            StartedBy = call.Identity,
        };

        using var watch = ExecutionWatch.BeforeStart();
        var start = await _engine.StartAsync(request, wait > TimeSpan.Zero ? watch : null, cancellationToken).ConfigureAwait(false);
        WaitOutcome outcome;
        if (wait > TimeSpan.Zero)
        {
            await watch.BindAsync(_engine, start, cancellationToken).ConfigureAwait(false);
            outcome = await _waiter.WaitAsync(call, watch, wait, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var state = await ExecutionLookup.StateAsync(_engine, start.ExecutionId, cancellationToken).ConfigureAwait(false);
            outcome = new WaitOutcome(state, state.Status == ExecutionStatus.WaitingApproval ? ExecutionWaiter.ApprovalNote(state) : null);
        }

        var note = string.Join(" ", new[] { start.Existing ? start.Note : null, outcome.Note }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new ToolResult(ExecutionStateView.ToJson(outcome.State, note), ExecutionStateView.Summarize(outcome.State));
    }

    private CatalogEntry Find(string playbookId, string? version)
    {
        var catalog = _catalog.Current;
        if (catalog.Find(playbookId, version) is { } entry)
        {
            return entry;
        }

        var versions = catalog.Versions(playbookId);
        if (versions.Count > 0)
        {
            throw new ToolErrorException($"playbook '{playbookId}' has no version '{version}'; it has {string.Join(", ", versions.Select(v => v.Version))}. "
                + "Omit version to run the latest, or call get_playbook to see them.");
        }

        if (catalog.Invalid.FirstOrDefault(p => p.PlaybookId == playbookId) is { } invalid)
        {
            var first = invalid.Errors.Count > 0 ? $": {invalid.Errors[0].Message}" : "";
            throw new ToolErrorException($"playbook '{playbookId}' ({invalid.Path}) has errors and cannot run{first}. Call validate_playbook with playbook_id '{playbookId}' to see them all.");
        }

        var hint = Suggestions.DidYouMean(playbookId, catalog.Ids);
        throw new ToolErrorException($"no playbook '{playbookId}' in the catalogue{(hint.Length > 0 ? "; " + hint : "")}; call list_playbooks to see the playbooks there are.");
    }
}
