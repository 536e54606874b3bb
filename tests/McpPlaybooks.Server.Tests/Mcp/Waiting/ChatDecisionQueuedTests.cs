using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Engine.Tests.Support;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Waiting;

/// <summary>
/// A gate decided in the chat while a call waits, after another server took the execution over (the waiting server's
/// lease ran out by its clock): the decision goes to that server, which does not answer (it polls every hour), so it
/// stays queued and is applied later. The call says so, as approve_step does; before, it said the decision was not
/// recorded, as if refused.
/// </summary>
public sealed class ChatDecisionQueuedTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task ExecutePlaybook_ChatApprovesAGateAnOwnerThatDoesNotAnswerHolds_SaysTheDecisionIsQueued()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var frozen = new ManualTimeProvider();
        await using var waiting = await McpTestServer.StartAsync(Options(("gated", Gated)) with
        {
            DataDirectory = _data.Path,
            EngineTime = frozen,
            ForwardWait = TimeSpan.FromSeconds(2), // the owner never answers: no need to wait the 10 s a real caller waits
            Client = AnsweringWhen(asked, answer.Task),
        });
        var call = waiting.CallAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 60 });
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var executionId = Assert.Single((await waiting.Engine.History.ListExecutionsAsync(new(), CancellationToken.None)).Executions).Id;

        await using var owner = await McpTestServer.StartAsync(Options(("gated", Gated)) with
        {
            DataDirectory = _data.Path,
            EngineTime = new ManualTimeProvider(frozen.GetUtcNow().AddSeconds(20)),
            EnginePollInterval = TimeSpan.FromHours(1),
        });
        Assert.Equal(owner.Engine.OwnerId, await owner.Engine.History.GetOwnerAsync(executionId, frozen.GetUtcNow(), CancellationToken.None));
        answer.SetResult();
        var result = await call.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(result.IsError is true, ToolCalls.Text(result));
        var note = result.StructuredContent!.Value.Str("note");
        Assert.Contains("the decision given in the chat ('approve' on 'risky' as chat:chat-client) is queued, not refused", note, StringComparison.Ordinal);
        Assert.DoesNotContain("not recorded", note, StringComparison.Ordinal);
        var queued = Assert.Single(await owner.Engine.History.GetPendingControlRequestsAsync(owner.Engine.OwnerId, CancellationToken.None));
        Assert.Equal(("approve", executionId), (queued.Action, queued.ExecutionId));
    }

    /// <summary>A chat client that, asked about a gate, says so and approves once <paramref name="answer"/> completes.</summary>
    private static McpClientOptions AnsweringWhen(TaskCompletionSource asked, Task answer) => new()
    {
        ClientInfo = new Implementation { Name = "chat-client", Version = "1.0.0" },
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = async (_, cancellationToken) =>
            {
                asked.TrySetResult();
                await answer.WaitAsync(cancellationToken);
                return new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement> { ["decision"] = JsonSerializer.SerializeToElement("approve") },
                };
            },
        },
    };

    public void Dispose() => _data.Dispose();
}
