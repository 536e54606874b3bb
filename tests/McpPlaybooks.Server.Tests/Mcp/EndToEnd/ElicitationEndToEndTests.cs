using System.Collections.Concurrent;
using System.Text.Json;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.History;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>An approval gate decided in the chat: the built server asks, over stdio, a client that answers elicitation.</summary>
public sealed class ElicitationEndToEndTests
{
    private const string ClientName = "e2e-chat";

    [Fact]
    public async Task ExecutePlaybook_ClientAcceptsTheElicitation_CompletesApprovedByTheChatClient()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await EndToEndServer.StartAsync(Answering(asked));

        var state = await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "restart-web", inputs = new { service = "web" }, wait_seconds = 30 });

        var id = state.Str("execution_id");
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("check:completed restart:completed", state.Steps());
        Assert.Equal("restarted web", state.GetProperty("outputs").Str("restarted").TrimEnd());
        Assert.Contains($"approved the gate 'restart' in the chat as chat:{ClientName}", state.Str("note"), StringComparison.Ordinal);
        var question = Assert.Single(asked);
        Assert.Contains("Restart web?", question.Message, StringComparison.Ordinal);
        Assert.Contains("decision", question.RequestedSchema!.Properties.Keys);
        var database = new EngineOptions { DataDirectory = server.DataDirectory }.DatabasePath;
        await using var store = await HistoryStore.OpenAsync(database, TimeProvider.System, logger: null, CancellationToken.None);
        var decision = Assert.Single(await store.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(("restart", $"chat:{ClientName}", true), (decision.StepId, decision.Approver, decision.Approved));
    }

    private static McpClientOptions Answering(ConcurrentQueue<ElicitRequestParams> asked) => new()
    {
        ClientInfo = new Implementation { Name = ClientName, Version = "1.0.0" },
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Enqueue(request!);
                return ValueTask.FromResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement> { ["decision"] = JsonSerializer.SerializeToElement("approve") },
                });
            },
        },
    };
}
