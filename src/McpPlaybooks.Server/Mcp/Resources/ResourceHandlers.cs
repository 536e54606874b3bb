using McpPlaybooks.Server.Mcp.Sessions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>The request handlers of resources: list, templates, read, subscribe and unsubscribe.</summary>
internal static class ResourceHandlers
{
    public static ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ResourceListing.List(request.Service<Engine.Catalog.PlaybookCatalog>().Current));

    public static ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [.. ResourceListing.Templates] });

    public static async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
        await request.Service<ResourceReader>()
            .ReadAsync(request.Params?.Uri, request.Server.NegotiatedProtocolVersion, cancellationToken).ConfigureAwait(false);

    /// <summary>Subscribes the session to a resource that exists (an unknown one is the not-found error).</summary>
    public static async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = await request.Service<ResourceReader>()
            .ResolveAsync(request.Params?.Uri, request.Server.NegotiatedProtocolVersion, cancellationToken).ConfigureAwait(false);
        request.Service<McpSessions>().Track(request.Server).Subscribe(uri.ToString());
        return new EmptyResult();
    }

    /// <summary>Unsubscribes the session; unsubscribing from what it never subscribed to is not an error.</summary>
    public static ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        if (request.Params?.Uri is { } uri)
        {
            request.Service<McpSessions>().Track(request.Server).Unsubscribe(uri);
        }

        return ValueTask.FromResult(new EmptyResult());
    }
}
