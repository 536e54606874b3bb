using System.Text.Json.Nodes;
#pragma warning disable MCPEXP002 // The alternate-result filter and raw request handlers are experimental in 2.4.0: the SDK's hooks for extensions, used on purpose.
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// MCP tasks (protocol 2025-11-25), built on the SDK's hooks because 2.4.0 has no task support of its own: the
/// alternate-result tools/call filter, raw request handlers for <c>tasks/*</c>, and an outgoing filter that advertises them.
/// The 2026-07-28 tasks extension is served by the same handlers (and <c>tasks/update</c>), advertised in
/// <c>capabilities.extensions</c>.
/// </summary>
internal static class TaskRegistration
{
    public static IMcpServerBuilder AddPlaybookTasks(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<TaskBook>();
        builder.Services.AddSingleton<TaskResults>();
        builder.Services.AddSingleton<TaskRequests>();
        builder.Services.AddSingleton<TaskStatusFollower>();
        builder.Services.AddSingleton<TaskUpdates>();
        builder.WithMessageFilters(filters => filters.AddOutgoingFilter(TaskAdvertising.Create()));
        builder.Services.Configure<McpServerOptions>(options =>
        {
            options.Filters.Request.CallToolWithAlternateFilters.Add(TaskCallFilter.InvokeAsync);
            options.RequestHandlers ??= [];
            options.RequestHandlers.Add(Handler(TaskRequests.Get, (requests, request, ct) => requests.GetAsync(request, ct)));
            options.RequestHandlers.Add(Handler(TaskRequests.List, (requests, request, ct) => requests.ListAsync(request, ct)));
            options.RequestHandlers.Add(Handler(TaskRequests.Result, (requests, request, ct) => requests.ResultAsync(request, ct)));
            options.RequestHandlers.Add(Handler(TaskRequests.Cancel, (requests, request, ct) => requests.CancelAsync(request, ct)));
            options.RequestHandlers.Add(new McpServerRequestHandler
            {
                Method = TaskExtension.Update,
                Handler = (request, cancellationToken) => request.Service<TaskUpdates>().UpdateAsync(request, cancellationToken),
            });
            options.Capabilities ??= new();
            options.Capabilities.Extensions ??= new Dictionary<string, object>();
            options.Capabilities.Extensions[TaskExtension.Id] = new JsonObject();
        });
        return builder;
    }

    private static McpServerRequestHandler Handler(string method, Func<TaskRequests, RequestContext<JsonNode?>, CancellationToken, ValueTask<JsonNode?>> handle) => new()
    {
        Method = method,
        Handler = (request, cancellationToken) => handle(request.Service<TaskRequests>(), request, cancellationToken),
    };
}
