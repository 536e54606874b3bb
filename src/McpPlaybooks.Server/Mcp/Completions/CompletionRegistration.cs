using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Mcp.Completions;

/// <summary>Registers the server's completions (<see cref="CompletionProvider"/>); the SDK advertises the capability.</summary>
internal static class CompletionRegistration
{
    public static IMcpServerBuilder AddPlaybookCompletions(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CompletionProvider>();
        return builder.WithCompleteHandler(async (request, cancellationToken) =>
        {
            return await request.Service<CompletionProvider>().CompleteAsync(request.Params, cancellationToken).ConfigureAwait(false);
        });
    }
}
