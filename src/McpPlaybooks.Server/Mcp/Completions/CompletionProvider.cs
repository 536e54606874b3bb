using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Mcp.Resources;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Completions;

/// <summary>
/// Answers <c>completion/complete</c>: playbook ids (the <c>id</c> of <c>playbook://</c> templates, a prompt's
/// <c>playbook_id</c> or <c>based_on</c>), a playbook's versions, recent execution ids (the <c>id</c> of
/// <c>execution://</c> templates, a prompt's <c>execution_id</c>), and input names for a prompt's <c>inputs</c> from the
/// playbook named by the already resolved <c>playbook_id</c>. Anything else completes to nothing.
/// </summary>
internal sealed class CompletionProvider(PlaybookEngine engine, PlaybookCatalog catalog)
{
    /// <summary>How many recent executions are offered.</summary>
    public const int RecentExecutions = 20;

    public async Task<CompleteResult> CompleteAsync(CompleteRequestParams? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return new CompleteResult();
        }

        var typed = request.Argument.Value ?? string.Empty;
        var context = request.Context?.Arguments;
        var candidates = (request.Ref, request.Argument.Name) switch
        {
            (ResourceTemplateReference { Uri: ResourceUri.PlaybookTemplate or ResourceUri.PlaybookVersionTemplate }, "id") => catalog.Current.Ids,
            (ResourceTemplateReference { Uri: ResourceUri.PlaybookVersionTemplate }, "version") => Versions(Resolved(context, "id")),
            (ResourceTemplateReference { Uri: ResourceUri.ExecutionTemplate or ResourceUri.ExecutionLogsTemplate }, "id") => await ExecutionIdsAsync(cancellationToken).ConfigureAwait(false),
            (PromptReference, "playbook_id" or "based_on") => catalog.Current.Ids,
            (PromptReference, "execution_id") => await ExecutionIdsAsync(cancellationToken).ConfigureAwait(false),
            (PromptReference, "inputs") => InputNames(Resolved(context, "playbook_id"), typed),
            _ => [],
        };
        return new CompleteResult { Completion = CompletionValues.Of(candidates, typed) };
    }

    private static string? Resolved(IDictionary<string, string>? context, string name) =>
        context is not null && context.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private IEnumerable<string> Versions(string? playbookId) =>
        playbookId is null ? [] : catalog.Current.Versions(playbookId).Select(v => v.Version);

    private IEnumerable<string> InputNames(string? playbookId, string typed) =>
        playbookId is not null && catalog.Current.Find(playbookId) is { } entry ? InputNameCompletion.Candidates(entry.Definition, typed) : [];

    private async Task<IEnumerable<string>> ExecutionIdsAsync(CancellationToken cancellationToken)
    {
        var page = await engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = RecentExecutions }, cancellationToken).ConfigureAwait(false);
        return page.Executions.Select(e => e.Id);
    }
}
