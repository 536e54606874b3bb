using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// A cycle of child playbooks through a templated child id (which validation cannot follow): the depth limit's error
/// names the chain of playbooks and steps that led to it, and that cause reaches the top parent's step whole.
/// </summary>
public sealed class ChildDepthChainTests
{
    [Fact]
    public async Task PlaybookAction_CycleThroughATemplatedId_TheDeepestErrorNamesTheChainAndTheTopStepShowsIt()
    {
        await using var harness = await StartWithPlaybooksAsync([("ping", ChildCyclePlaybooks.Ping), ("pong", ChildCyclePlaybooks.Pong)]);

        var failed = await harness.RunAsync(ChildCyclePlaybooks.Ping);

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        var top = Step(failed, "hop").Error!;
        Assert.Equal(ErrorCategory.Configuration, top.Category);
        Assert.StartsWith("child execution ex-", top.Message, StringComparison.Ordinal);
        Assert.Contains("(pong) ended failed, from a child 4 levels below it: step 'back' failed: playbook: child executions nest at most 5 deep; starting 'ping' here would make depth 6: " + ChildCyclePlaybooks.PingChain + ".", top.Message, StringComparison.Ordinal);
        Assert.Contains("give the step that recurses one that stops within 5 levels", top.Message, StringComparison.Ordinal);
        Assert.Single(top.Message.Split("child execution ex-")[1..]); // one child named, not each level's
        Assert.Contains(ChildCyclePlaybooks.PingChain, failed.Error!.Message, StringComparison.Ordinal);
    }
}
