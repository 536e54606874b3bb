using System.Text.Json;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// Starts an execution or a dry run of a catalogue playbook for <c>execute_playbook</c> and <c>plan_playbook</c>, waits
/// for it as asked (a dry run always to its end: it touches nothing and ends at once), and returns its state.
/// </summary>
internal sealed class PlaybookStarter(PlaybookEngine engine, PlaybookCatalog catalog, ExecutionWaiter waiter)
{
    private static readonly TimeSpan DryRunWait = TimeSpan.FromSeconds(30);

    public async Task<ToolResult> RunAsync(ToolCall call, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        var entry = Find(arguments.Required("playbook_id"), arguments.String("version"));
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
        var start = await engine.StartAsync(request, wait > TimeSpan.Zero ? watch : null, cancellationToken).ConfigureAwait(false);
        WaitOutcome outcome;
        if (wait > TimeSpan.Zero)
        {
            await watch.BindAsync(engine, start, cancellationToken).ConfigureAwait(false);
            outcome = await waiter.WaitAsync(call, watch, wait, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var state = await ExecutionLookup.StateAsync(engine, start.ExecutionId, cancellationToken).ConfigureAwait(false);
            outcome = new WaitOutcome(state, state.Status == ExecutionStatus.WaitingApproval ? GateAdvice.Note(state, call) : null);
        }

        var note = string.Join(" ", new[] { start.Note, outcome.Note }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return ExecutionStateView.Result(outcome.State, note, ExecutionStateView.Summarize(outcome.State), call);
    }

    private CatalogEntry Find(string playbookId, string? version)
    {
        var snapshot = catalog.Current;
        if (snapshot.Find(playbookId, version) is { } entry)
        {
            return entry;
        }

        var versions = snapshot.Versions(playbookId);
        if (versions.Count > 0)
        {
            throw new ToolErrorException($"playbook '{playbookId}' has no version '{version}'; it has {string.Join(", ", versions.Select(v => v.Version))}. "
                + "Omit version to use the latest, or call get_playbook to see them.");
        }

        if (snapshot.Invalid.FirstOrDefault(p => p.PlaybookId == playbookId) is { } invalid)
        {
            var first = invalid.Errors.Count > 0 ? $": {invalid.Errors[0].Message}" : "";
            throw new ToolErrorException($"playbook '{playbookId}' ({invalid.Path}) has errors and cannot run{first}. Call validate_playbook with playbook_id '{playbookId}' to see them all.");
        }

        var hint = Suggestions.DidYouMean(playbookId, snapshot.Ids);
        throw new ToolErrorException($"no playbook '{playbookId}' in the catalogue{(hint.Length > 0 ? "; " + hint : "")}; call list_playbooks to see the playbooks there are.");
    }
}
