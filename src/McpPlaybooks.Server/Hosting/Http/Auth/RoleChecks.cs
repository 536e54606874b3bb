using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// The role checks of requests other than tool calls (tools check theirs in <c>PlaybookTool</c>): listing and reading
/// resources, subscribing to them, listing and getting prompts, and completions need <c>viewer</c>. A refusal is a
/// protocol error (invalid request) whose message names the role. Only a request carrying a token's principal
/// (<see cref="HttpCaller.From"/>) is checked: stdio and HTTP without tokens are not.
/// </summary>
internal static class RoleChecks
{
    public static IMcpServerBuilder WithRoleChecks(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithRequestFilters(filters =>
        {
            filters.AddListResourcesFilter(Viewer<ListResourcesRequestParams, ListResourcesResult>("listing resources"));
            filters.AddListResourceTemplatesFilter(Viewer<ListResourceTemplatesRequestParams, ListResourceTemplatesResult>("listing resource templates"));
            filters.AddReadResourceFilter(Viewer<ReadResourceRequestParams, ReadResourceResult>("reading a resource"));
            filters.AddSubscribeToResourcesFilter(Viewer<SubscribeRequestParams, EmptyResult>("subscribing to a resource"));
            filters.AddListPromptsFilter(Viewer<ListPromptsRequestParams, ListPromptsResult>("listing prompts"));
            filters.AddGetPromptFilter(Viewer<GetPromptRequestParams, GetPromptResult>("getting a prompt"));
            filters.AddCompleteFilter(Viewer<CompleteRequestParams, CompleteResult>("completion"));
        });
    }

    private static McpRequestFilter<TParams, TResult> Viewer<TParams, TResult>(string what) =>
        next => (request, cancellationToken) =>
        {
            if (HttpCaller.From(request.User) is { } caller && !ServerRoles.Grants(caller.Roles, ServerRoles.Viewer))
            {
                throw new McpProtocolException(RoleRefusals.ForRequest(caller, what, ServerRoles.Viewer), McpErrorCode.InvalidRequest);
            }

            return next(request, cancellationToken);
        };
}
