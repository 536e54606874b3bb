using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// An execution whose variables do not evaluate at its start: a real run fails and runs its <c>finally</c> outside the
/// start lock (a finally that started a child playbook waited for that lock forever); a dry run fails and runs nothing
/// (its finally ran for real).
/// </summary>
public sealed class BadVariablesTests
{
    private static string Playbook(string mark) => $$$"""
        id: bad-variables
        name: Bad variables
        version: 1.0.0
        inputs:
          payload: { type: string, default: "not json" }
        variables:
          parsed: "{{ fromJson(inputs.payload) }}"
        steps:
          - id: work
            action: log
            with: { message: "{{ vars.parsed }}" }
        finally:
          - id: child
            action: playbook
            with: { id: finally-child }
          - id: mark
            action: shell
            with: { command: [touch, "{{{mark}}}"] }
        """;

    private const string FinallyChild = """
        id: finally-child
        name: Finally child
        version: 1.0.0
        steps:
          - id: note
            action: log
            with: { message: "from finally" }
        """;

    [Fact]
    public async Task RunAsync_RealRun_FailsAndItsFinallyRunsEvenOneThatStartsAChild()
    {
        await using var harness = await StartWithChildAsync();
        var mark = harness.PathOf("finally-ran");

        var state = await harness.RunAsync(Playbook(mark)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.StartsWith("variable 'parsed' (line 7) cannot be evaluated", state.Error!.Message, StringComparison.Ordinal);
        Assert.Equal([("child", StepStatus.Completed), ("mark", StepStatus.Completed)], state.Finally.Select(f => (f.Id, f.Status)));
        Assert.True(File.Exists(mark));
        Assert.Equal(ExecutionStatus.Completed, Assert.Single(await harness.Engine.History.ListChildrenAsync(state.ExecutionId, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task RunAsync_DryRun_FailsAndRunsNothing()
    {
        await using var harness = await StartWithChildAsync();
        var mark = harness.PathOf("finally-ran");

        var state = await harness.RunAsync(Playbook(mark), dryRun: true).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.StartsWith("variable 'parsed' (line 7) cannot be evaluated", state.Error!.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(mark));
        Assert.Empty(await harness.Engine.History.ListChildrenAsync(state.ExecutionId, CancellationToken.None));
        Assert.Empty(await harness.AttemptsAsync(state.ExecutionId));
    }

    private static Task<EngineHarness> StartWithChildAsync() => StartWithPlaybooksAsync([("finally-child", FinallyChild)]);
}
