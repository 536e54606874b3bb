using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution.Durability;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// A secret input of 1 to 3 characters is masked wherever its text appears, garbling unrelated text: the start says so
/// once, in the execution's log and the server's, naming the input and never the value.
/// </summary>
public sealed class ShortSecretInputTests
{
    private const string Playbook = """
        id: short-secret
        name: Short secret
        version: 1.0.0
        inputs:
          code: { type: string, secret: true }
          pin: { type: integer, secret: true }
          tok: { type: string, secret: true, default: "long-enough-default" }
        steps:
          - id: say
            action: log
            with: { message: "pid 12333 ended" }
        """;

    [Fact]
    public async Task RunAsync_SecretInputsShorterThan4_WarnOnceEachInBothLogsWithoutTheValue()
    {
        await using var shared = new SharedDataDirectory();
        var logs = new LogEvents();
        var engine = await shared.OpenAsync(logs: logs);

        var state = await engine.RunAsync(Flow.Request(Playbook, Inputs(("code", Value.From("2")), ("pin", Value.From(7)))), null, default);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        var lines = (await engine.History.GetLogsAsync(new LogQuery { ExecutionId = state.ExecutionId, Limit = 100 }, default)).Entries;
        var warnings = lines.Where(l => l.Level == ExecutionLogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Equal([ShortSecretInputs.Warning("code"), ShortSecretInputs.Warning("pin")], warnings);
        Assert.Contains(lines, l => l.Message == "pid 1***333 ended");
        var server = logs.Lines.Select(l => l.Message).Where(m => m.Contains("is shorter than 4 characters", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, server.Count);
        Assert.Contains($"Execution {state.ExecutionId} of short-secret: secret input 'code' is shorter than 4 characters", server[0], StringComparison.Ordinal);
        Assert.Contains("secret input 'pin' is shorter than 4 characters", server[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SecretInputsOf4CharactersOrMore_NoWarning()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook, Inputs(("code", Value.From("abcd")), ("pin", Value.From(1234))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.DoesNotContain(await harness.LogsAsync(state.ExecutionId), l => l.Level == ExecutionLogLevel.Warning);
    }
}
