using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// The role checks of requests other than tool calls (tools check theirs in <c>PlaybookTool</c>): listing and reading
/// resources, subscribing to them, listing and getting prompts, and completions need <c>viewer</c>. A refusal is a
/// protocol error (invalid request) whose message names the role. Checks apply when tokens are on (the HTTP server's
/// <see cref="AccessTokens"/> are enabled): a request without a token's principal is then refused (fail closed). Stdio
/// and HTTP without tokens are not checked.
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

    /// <summary>
    /// Whether a request must be refused for carrying no caller: tokens are on (only the HTTP server registers
    /// <see cref="AccessTokens"/>) and the request has no token's principal. Fails closed.
    /// </summary>
    public static bool MissingCaller(IServiceProvider? services, HttpCaller? caller) =>
        caller is null && services?.GetService<AccessTokens>() is { Enabled: true };

    private static McpRequestFilter<TParams, TResult> Viewer<TParams, TResult>(string what) =>
        next => (request, cancellationToken) =>
        {
            var caller = HttpCaller.From(request.User);
            if (MissingCaller(request.Services, caller))
            {
                throw new McpProtocolException(RoleRefusals.NoCaller(what), McpErrorCode.InvalidRequest);
            }

            if (caller is not null && !ServerRoles.Grants(caller.Roles, ServerRoles.Viewer))
            {
                throw new McpProtocolException(RoleRefusals.ForRequest(caller, what, ServerRoles.Viewer), McpErrorCode.InvalidRequest);
            }

            return next(request, cancellationToken);
        };
}
