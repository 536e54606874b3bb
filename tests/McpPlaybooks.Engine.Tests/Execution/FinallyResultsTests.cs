using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>A failed <c>finally</c> call keeps the execution's status, and is reported in the state's <c>finally</c> results.</summary>
public sealed class FinallyResultsTests
{
    private const string NotifyFails = """
        id: finally-fails
        name: Finally fails
        version: 1.0.0
        steps:
          - id: work
            action: set
            with: { done: true }
          - id: never
            needs: [work]
            when: "false"
            action: log
            with: { message: never }
        finally:
          - id: notify
            action: shell
            with: { command: [sh, -c, "echo no route to the pager >&2; exit 3"] }
          - action: log
            with: { message: "finally saw {{ execution.status }}" }
          - id: quiet
            when: "execution.status == 'failed'"
            action: log
            with: { message: only on failure }
        """;

    [Fact]
    public async Task RunAsync_AFinallyCallFails_StatusStaysCompletedAndTheFailureIsInTheFinallyResults()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync(NotifyFails);
        var stored = (await harness.Engine.GetStateAsync(state.ExecutionId, default))!;

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Null(state.Error);
        foreach (var json in new[] { ExecutionStateJson.ToJson(state), ExecutionStateJson.ToJson(stored) })
        {
            var calls = JsonDocument.Parse(json).RootElement.GetProperty("finally").EnumerateArray().ToList();
            Assert.Equal(["notify:failed", "finally[1]:completed", "quiet:skipped"], calls.Select(c => $"{c.GetProperty("id").GetString()}:{c.GetProperty("status").GetString()}"));
            Assert.Contains("exited with code 3", calls[0].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, calls[1].GetProperty("error").ValueKind);
        }
    }

    [Fact]
    public async Task RunAsync_AStepFails_TheStepsAfterItAreNotRunInTheStateAndInHistory()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: stops
            name: Stops
            version: 1.0.0
            steps:
              - id: boom
                action: assert
                with: { that: "1 == 2", message: no }
              - id: later
                needs: [boom]
                action: log
                with: { message: later }
            """);
        var stored = (await harness.Engine.History.GetStepStatesAsync(state.ExecutionId, default)).Single(s => s.StepId == "later");

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal("not_run", EnumNames.ToName(Step(state, "later").Status));
        Assert.Equal("not_run", EnumNames.ToName(stored.Status));
        Assert.Contains("\"id\":\"later\",\"status\":\"not_run\"", ExecutionStateJson.ToJson(state), StringComparison.Ordinal);
    }
}
