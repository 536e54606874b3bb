using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A gate's <c>message_template</c> is not stored: the process that holds the run derives it from the step's definition.
/// Another process, reading the execution from history, derives it from the playbook version the execution is pinned to,
/// so both show the same gate (before, the reader's had no template).
/// </summary>
public sealed class StoredGateTemplateTests
{
    private const string Templated = """
        id: templated-elsewhere
        name: Templated, read elsewhere
        version: 1.0.0
        inputs:
          service: { type: string }
        steps:
          - id: restart
            approval: { message: "Restart {{ inputs.service }}?" }
            action: log
            with: { message: restarted }
        """;

    [Fact]
    public async Task GetStateAsync_GateOfARunAnotherEngineHolds_HasTheOwnersMessageTemplate()
    {
        await using var directory = new SharedDataDirectory();
        var owner = await directory.OpenAsync();
        var held = await owner.RunAsync(Flow.Request(Templated, Inputs(("service", Value.From("web")))), null, default);
        var reader = await directory.OpenAsync();

        var read = (await reader.GetStateAsync(held.ExecutionId, default))!;
        var shown = (await StoredExecutionState.LoadAsync(reader.History, held.ExecutionId, default))!;

        Assert.Empty(reader.LastResume.Resumed);
        var owners = Assert.Single(held.PendingApprovals);
        Assert.Equal(("restart", "Restart web?", "Restart {{ inputs.service }}?"), (owners.StepId, owners.Message, owners.MessageTemplate));
        foreach (var state in new[] { read, shown })
        {
            var gate = Assert.Single(state.PendingApprovals);
            Assert.Equal((owners.StepId, owners.Message, owners.MessageTemplate), (gate.StepId, gate.Message, gate.MessageTemplate));
        }
    }
}
