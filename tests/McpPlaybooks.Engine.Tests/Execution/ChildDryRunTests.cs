using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Lifecycle;
using static McpPlaybooks.Engine.Tests.Execution.Control.SubPlaybookTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// A parent's dry run dry-runs the child playbooks it would start (linked to it): what the real run's step would meet there
/// (a child's own findings, a version that does not run for real, nesting too deep) is in the parent's verdict, and the
/// child's dry run is the one its <c>safety.dry_run_first</c> asks for when the real run starts it.
/// </summary>
public sealed class ChildDryRunTests
{
    private const string Guarded = """
        id: guarded
        name: Guarded
        version: 1.0.0
        inputs:
          n: { type: integer }
        safety:
          dry_run_first: true
        steps:
          - id: s
            action: log
            with: { message: "n={{ inputs.n }}" }
        """;

    private const string Plain = """
        id: plain
        name: Plain
        version: 1.0.0
        inputs:
          n: { type: integer }
        steps:
          - id: s
            action: log
            with: { message: "n={{ inputs.n }}" }
        """;

    private const string NeedsASecret = """
        id: needs-a-secret
        name: Needs a secret
        version: 1.0.0
        steps:
          - id: s
            action: log
            with: { message: "key {{ secrets.CHILD_ONLY_KEY }}" }
        """;

    [Fact]
    public async Task RunAsync_DryRunOfAParentWhoseChildHasDryRunFirst_DryRunsTheChildSoTheRealRunStartsIt()
    {
        await using var harness = await StartWithChildrenAsync();

        var dry = await harness.RunAsync(Parent("guarded", "{ n: 3 }"), dryRun: true);
        var real = await harness.RunAsync(Parent("guarded", "{ n: 3 }"));

        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        var child = Assert.Single(await harness.Engine.History.ListChildrenAsync(dry.ExecutionId, default));
        Assert.True(child.DryRun);
        Assert.Equal(("guarded", ExecutionStatus.Completed, 1), (child.PlaybookId, child.Status, child.Depth));
        Assert.Contains($"its child playbook 'guarded' was dry-run too, and completed: execution {child.Id}", Step(dry, "call").Plan!.Notes);
        Assert.True(real.Status == ExecutionStatus.Completed, real.Error?.Message);
    }

    [Fact]
    public async Task RunAsync_DryRunOfAParentWhoseChildWouldFail_FailsNamingTheChildsFinding()
    {
        await using var harness = await StartWithChildrenAsync();

        var dry = await harness.RunAsync(Parent("needs-a-secret"), dryRun: true);

        Assert.Equal(ExecutionStatus.Failed, dry.Status);
        Assert.Equal(ErrorCategory.Configuration, dry.Error!.Category);
        var child = Assert.Single(await harness.Engine.History.ListChildrenAsync(dry.ExecutionId, default));
        Assert.Equal(
            $"step 'call': playbook: the child 'needs-a-secret' would fail (its dry run {child.Id}): step 's': secrets.CHILD_ONLY_KEY is not set: PLAYBOOK_SECRET_CHILD_ONLY_KEY or the secrets file",
            Assert.Single(dry.WouldFail));
        Assert.Equal((true, ExecutionStatus.Failed), (child.DryRun, child.Status));
    }

    [Fact]
    public async Task RunAsync_DryRunOfAParentWhoseChildIsADraft_FailsAsTheRealRunIsRefused()
    {
        await using var harness = await StartWithChildrenAsync();
        await harness.Engine.SetPlaybookStatusAsync("guarded", "1.0.0", PlaybookStatus.Draft, "test:alice", default);

        var dry = await harness.RunAsync(Parent("guarded", "{ n: 3 }"), dryRun: true);
        var real = await harness.RunAsync(Parent("guarded", "{ n: 3 }"));

        Assert.Equal(ExecutionStatus.Failed, dry.Status);
        var found = Assert.Single(dry.WouldFail);
        Assert.StartsWith("step 'call': playbook: the child 'guarded' was refused: playbook guarded version 1.0.0 is draft", found, StringComparison.Ordinal);
        Assert.Empty(await harness.Engine.History.ListChildrenAsync(dry.ExecutionId, default));
        Assert.Equal(ExecutionStatus.Failed, real.Status);
        Assert.Equal(found["step 'call': ".Length..], Step(real, "call").Error!.Message);
    }

    [Fact]
    public async Task RunAsync_DryRunOfAPlaybookCallingItself_StopsAtDepthFiveWithABoundedVerdict()
    {
        await using var harness = await StartWithChildrenAsync();

        var dry = await harness.RunAsync(SelfCalling, dryRun: true);

        Assert.Equal(ExecutionStatus.Failed, dry.Status);
        var depths = new List<int>();
        var id = dry.ExecutionId;
        while ((await harness.Engine.History.ListChildrenAsync(id, default)) is [var child])
        {
            Assert.True(child.DryRun);
            Assert.Equal(ExecutionStatus.Failed, child.Status);
            depths.Add(child.Depth);
            id = child.Id;
        }

        Assert.Equal([1, 2, 3, 4, 5], depths);
        var deepest = await harness.Engine.GetStateAsync(id, default);
        Assert.Contains("child executions nest at most 5 deep; starting 'self-calling' here would make depth 6", Assert.Single(deepest!.WouldFail), StringComparison.Ordinal);
        Assert.True(dry.Error!.Message.Length < 1000, dry.Error.Message);
    }

    [Fact]
    public async Task RunAsync_DryRunOfALoopOfChildren_DryRunsEachDistinctChildOnce()
    {
        await using var harness = await StartWithChildrenAsync();
        var dry = await harness.RunAsync(LoopOf("guarded", "[1, 2, 1]"), dryRun: true);

        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        var children = await harness.Engine.History.ListChildrenAsync(dry.ExecutionId, default);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], children.Select(c => c.InputsJson).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DryRunOfALongLoopOfChildren_DryRunsTheFirstThreeAndNotesTheRest()
    {
        await using var harness = await StartWithChildrenAsync();
        var dry = await harness.RunAsync(LoopOf("plain", $"[{string.Join(", ", Enumerable.Range(1, 20))}]"), dryRun: true);

        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        var children = await harness.Engine.History.ListChildrenAsync(dry.ExecutionId, default);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"], children.Select(c => c.InputsJson).Order(StringComparer.Ordinal));
        Assert.Contains(
            "17 more child runs of 'plain' with other inputs were not dry-run: a dry run dry-runs the first 3 distinct inputs of a step's children, so that it does not fill the history with child executions. Their inputs fit; their own steps were not planned",
            Step(dry, "each").Plan!.Notes);
    }

    [Fact]
    public async Task RunAsync_DryRunOfALoopOfChildrenThatAskForADryRunFirst_DryRunsEachSoTheRealRunStartsThem()
    {
        await using var harness = await StartWithChildrenAsync();
        var loop = LoopOf("guarded", "[1, 2, 3, 4, 5]");

        var dry = await harness.RunAsync(loop, dryRun: true);
        var real = await harness.RunAsync(loop);

        Assert.Equal(5, (await harness.Engine.History.ListChildrenAsync(dry.ExecutionId, default)).Count);
        Assert.DoesNotContain(Step(dry, "each").Plan!.Notes, n => n.Contains("not dry-run", StringComparison.Ordinal));
        Assert.True(real.Status == ExecutionStatus.Completed, real.Error?.Message);
    }

    [Fact]
    public async Task RunAsync_DryRunWhoseChildWouldFailBehindAnUndecidedCondition_NotesItAndCompletes()
    {
        await using var harness = await StartWithChildrenAsync();
        const string Undecided = """
            id: undecided-parent
            name: Undecided parent
            version: 1.0.0
            steps:
              - id: probe
                action: set
                with: { broken: true }
              - id: call
                needs: [probe]
                when: steps.probe.output.broken
                action: playbook
                with: { id: needs-a-secret }
            """;

        var dry = await harness.RunAsync(Undecided, dryRun: true);

        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        Assert.Contains(Step(dry, "call").Plan!.Notes, n => n.StartsWith("if it runs, it would fail: playbook: the child 'needs-a-secret' would fail", StringComparison.Ordinal));
    }

    /// <summary>A parent whose step <c>each</c> calls <paramref name="child"/> once per item of <paramref name="items"/>, as its input n.</summary>
    private static string LoopOf(string child, string items) => $$$"""
        id: loop-of-{{{child}}}
        name: Loop of {{{child}}}
        version: 1.0.0
        steps:
          - id: each
            foreach: {{{items}}}
            action: playbook
            with: { id: {{{child}}}, inputs: { n: "{{ item }}" } }
        """;

    private static Task<EngineHarness> StartWithChildrenAsync() =>
        StartWithPlaybooksAsync([("guarded", Guarded), ("plain", Plain), ("needs-a-secret", NeedsASecret), ("self-calling", SelfCalling)]);
}
