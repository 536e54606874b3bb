using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Schema;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Mcp.Results;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>
/// Reads a resource by URI from the catalogue, the engine and the schema; an unknown URI, playbook, version or execution
/// is a protocol error naming what exists (<see cref="ResourceErrors.NotFound"/>).
/// </summary>
internal sealed class ResourceReader(PlaybookEngine engine, PlaybookCatalog catalog)
{
    public async Task<ReadResourceResult> ReadAsync(string? text, string? protocolVersion, CancellationToken cancellationToken)
    {
        var uri = Parse(text, protocolVersion);
        var (mimeType, content) = uri.Kind switch
        {
            ResourceKind.Playbook => (ResourceListing.YamlMimeType, FindPlaybook(uri, protocolVersion).Content),
            ResourceKind.Execution => (ResourceListing.JsonMimeType, ExecutionStateView.ToJsonText(await StateAsync(uri, protocolVersion, cancellationToken).ConfigureAwait(false))),
            ResourceKind.ExecutionLogs => (ResourceListing.JsonMimeType, await LogsAsync(uri, protocolVersion, cancellationToken).ConfigureAwait(false)),
            _ => (ResourceListing.SchemaMimeType, PlaybookSchema.Text),
        };
        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri.ToString(), MimeType = mimeType, Text = content }] };
    }

    /// <summary>The parsed URI of a resource that exists now; throws the not-found protocol error otherwise.</summary>
    public async Task<ResourceUri> ResolveAsync(string? text, string? protocolVersion, CancellationToken cancellationToken)
    {
        var uri = Parse(text, protocolVersion);
        switch (uri.Kind)
        {
            case ResourceKind.Playbook:
                FindPlaybook(uri, protocolVersion);
                break;
            case ResourceKind.Execution or ResourceKind.ExecutionLogs:
                await EnsureExecutionAsync(uri, protocolVersion, cancellationToken).ConfigureAwait(false);
                break;
        }

        return uri;
    }

    private static ResourceUri Parse(string? text, string? protocolVersion) =>
        ResourceUri.TryParse(text, out var uri)
            ? uri
            : throw ResourceErrors.NotFound(protocolVersion, $"Unknown resource URI '{OutputBounds.Echo(text ?? "")}'. The resources are {ResourceUri.Shapes}; resources/list names the playbooks.");

    private async Task<string> LogsAsync(ResourceUri uri, string? protocolVersion, CancellationToken cancellationToken)
    {
        await EnsureExecutionAsync(uri, protocolVersion, cancellationToken).ConfigureAwait(false);
        return (await ExecutionLogTail.ReadAsync(engine.History, uri.Id, cancellationToken).ConfigureAwait(false)).ToJsonString();
    }

    private CatalogEntry FindPlaybook(ResourceUri uri, string? protocolVersion)
    {
        var snapshot = catalog.Current;
        if (snapshot.Find(uri.Id, uri.Version) is { } entry)
        {
            return entry;
        }

        var versions = snapshot.Versions(uri.Id);
        throw ResourceErrors.NotFound(protocolVersion, versions.Count == 0
            ? $"No playbook '{OutputBounds.Echo(uri.Id)}' in the catalogue{Hint(uri.Id, snapshot.Ids)}. Its playbooks: {ResourceErrors.Some(snapshot.Ids)}."
            : $"Playbook '{uri.Id}' has no version '{OutputBounds.Echo(uri.Version ?? "")}'. Its versions: {string.Join(", ", versions.Select(v => v.Version))}.");
    }

    private static string Hint(string id, IEnumerable<string> ids) => Suggestions.DidYouMean(id, ids) is { Length: > 0 } hint ? $" ({hint})" : "";

    private async Task<Engine.Execution.State.ExecutionState> StateAsync(ResourceUri uri, string? protocolVersion, CancellationToken cancellationToken)
    {
        return await engine.GetStateAsync(uri.Id, cancellationToken).ConfigureAwait(false)
            ?? throw await UnknownExecutionAsync(uri, protocolVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks that the execution exists, with one row read (its state is not needed).</summary>
    private async Task EnsureExecutionAsync(ResourceUri uri, string? protocolVersion, CancellationToken cancellationToken)
    {
        if (await engine.History.GetExecutionAsync(uri.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            throw await UnknownExecutionAsync(uri, protocolVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Exception> UnknownExecutionAsync(ResourceUri uri, string? protocolVersion, CancellationToken cancellationToken)
    {
        var recent = await engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 10 }, cancellationToken).ConfigureAwait(false);
        return ResourceErrors.NotFound(protocolVersion, $"No execution '{OutputBounds.Echo(uri.Id)}'. Recent executions: {ResourceErrors.Some([.. recent.Executions.Select(e => e.Id)])}; list_executions finds older ones.");
    }
}
