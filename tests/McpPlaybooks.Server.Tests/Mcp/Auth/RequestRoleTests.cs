using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Auth;

/// <summary>Resources, prompts and completions need the viewer role when a request carries a token: a protocol error names it.</summary>
public sealed class RequestRoleTests
{
    [Fact]
    public async Task ResourcesPromptsCompletions_Viewer_Answer()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("vic", ["viewer"]));

        var resources = await server.Client.ListResourcesAsync();
        var read = await server.Client.ReadResourceAsync("playbook://echo");
        await server.Client.SubscribeToResourceAsync("playbook://echo");
        var prompts = await server.Client.ListPromptsAsync();
        var completion = await Complete(server.Client);

        Assert.Contains(resources, r => r.Uri == "playbook://echo");
        Assert.NotEmpty(read.Contents);
        Assert.NotEmpty(prompts);
        Assert.Contains("echo", completion.Completion.Values);
    }

    [Fact]
    public async Task ResourcesPromptsCompletions_TokenWithoutServerRole_ProtocolErrorNamingViewer()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("odd", ["oncall"]));

        var refusals = new[]
        {
            await Refused(async () => await server.Client.ListResourcesAsync()),
            await Refused(async () => await server.Client.ReadResourceAsync("playbook://echo")),
            await Refused(async () => await server.Client.SubscribeToResourceAsync("playbook://echo")),
            await Refused(async () => await server.Client.ListPromptsAsync()),
            await Refused(async () => await Complete(server.Client)),
        };

        Assert.All(refusals, e =>
        {
            Assert.Equal(McpErrorCode.InvalidRequest, e.ErrorCode);
            Assert.Contains("needs the viewer role; you (odd) have no server role (only oncall). Ask an admin for a token with viewer.", e.Message, StringComparison.Ordinal);
        });
        Assert.Contains("reading a resource needs", refusals[1].Message, StringComparison.Ordinal);
        Assert.Contains("subscribing to a resource needs", refusals[2].Message, StringComparison.Ordinal);
    }

    private static Task<CompleteResult> Complete(McpClient client) =>
        client.CompleteAsync(new ResourceTemplateReference { Uri = "playbook://{id}" }, "id", "ec", cancellationToken: CancellationToken.None).AsTask();

    private static async Task<McpProtocolException> Refused(Func<Task> request) => await Assert.ThrowsAsync<McpProtocolException>(request);
}
