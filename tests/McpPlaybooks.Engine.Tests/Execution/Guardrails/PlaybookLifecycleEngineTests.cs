using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Lifecycle;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Guardrails;

/// <summary>The lifecycle through the engine: only active versions run for real; drafts dry-run; one active version per playbook.</summary>
public sealed class PlaybookLifecycleEngineTests
{
    private static string Versioned(string version) => $$"""
        id: lifecycle
        name: Lifecycle
        version: {{version}}
        steps:
          - id: only
            action: log
            with: { message: "v{{version}}" }
        """;

    [Fact]
    public async Task SetPlaybookStatusAsync_Draft_RefusesARealRunButAllowsADryRun()
    {
        await using var harness = await StartAsync();
        await harness.Engine.SetPlaybookStatusAsync("lifecycle", "2.0.0", PlaybookStatus.Draft, "cli:alice", default);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(Versioned("2.0.0")));
        var dry = await harness.RunAsync(Versioned("2.0.0"), dryRun: true);

        Assert.Equal(RefusalKind.PlaybookNotRunnable, refusal.Kind);
        Assert.StartsWith("playbook lifecycle version 2.0.0 is draft: a draft may be dry-run", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        Assert.Equal(PlaybookStatus.Draft, await harness.Engine.GetPlaybookStatusAsync("lifecycle", "2.0.0", default));
    }

    [Fact]
    public async Task SetPlaybookStatusAsync_PublishADraft_RunsAndDeprecatesThePreviousActiveVersion()
    {
        await using var harness = await StartAsync();
        await harness.Engine.SetPlaybookStatusAsync("lifecycle", "1.0.0", PlaybookStatus.Active, "cli:alice", default);
        await harness.Engine.SetPlaybookStatusAsync("lifecycle", "2.0.0", PlaybookStatus.Draft, "cli:alice", default);

        await harness.Engine.SetPlaybookStatusAsync("lifecycle", "2.0.0", PlaybookStatus.Active, "cli:alice", default);
        var run = await harness.RunAsync(Versioned("2.0.0"));
        var old = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(Versioned("1.0.0")));

        Assert.Equal(ExecutionStatus.Completed, run.Status);
        Assert.Equal(PlaybookStatus.Deprecated, await harness.Engine.GetPlaybookStatusAsync("lifecycle", "1.0.0", default));
        Assert.Equal(RefusalKind.PlaybookNotRunnable, old.Kind);
        Assert.Contains("is deprecated", old.Message, StringComparison.Ordinal);
        Assert.Contains(await harness.Engine.History.GetAuditAsync("lifecycle@2.0.0", default), a => a.Action == "playbook_active" && a.Actor == "cli:alice");
    }

    [Fact]
    public async Task GetPlaybookStatusesAsync_SeveralPlaybooksAndVersions_EachAsGetPlaybookStatusAsyncSaysInOneRead()
    {
        await using var harness = await StartAsync();
        await harness.Engine.SetPlaybookStatusAsync("lifecycle", "1.0.0", PlaybookStatus.Active, "cli:alice", default);
        await harness.Engine.SetPlaybookStatusAsync("lifecycle", "2.0.0", PlaybookStatus.Active, "cli:alice", default);
        await harness.Engine.SetPlaybookStatusAsync("other", "1.0.0", PlaybookStatus.Draft, "cli:alice", default);
        (string, string)[] versions = [("lifecycle", "1.0.0"), ("lifecycle", "2.0.0"), ("lifecycle", "3.0.0"), ("other", "1.0.0"), ("other", "2.0.0"), ("never-set", "1.0.0")];

        var statuses = await harness.Engine.GetPlaybookStatusesAsync(versions, default);

        Assert.Equal(
            ["Deprecated", "Active", "Active", "Draft", "Active", "Active"],
            versions.Select(v => statuses[v].ToString()));
        foreach (var (id, version) in versions)
        {
            Assert.Equal(await harness.Engine.GetPlaybookStatusAsync(id, version, default), statuses[(id, version)]);
        }

        Assert.Empty(await harness.Engine.GetPlaybookStatusesAsync([], default));
    }

    [Fact]
    public async Task SetPlaybookStatusAsync_Archived_RefusesEvenADryRunAndIsFinal()
    {
        await using var harness = await StartAsync();
        await harness.Engine.SetPlaybookStatusAsync("lifecycle", "1.0.0", PlaybookStatus.Archived, "cli:alice", default);

        var real = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(Versioned("1.0.0")));
        var dry = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(Versioned("1.0.0"), dryRun: true));
        var back = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.SetPlaybookStatusAsync("lifecycle", "1.0.0", PlaybookStatus.Active, "cli:alice", default));

        Assert.Equal(RefusalKind.PlaybookNotRunnable, real.Kind);
        Assert.Equal(RefusalKind.PlaybookNotRunnable, dry.Kind);
        Assert.Equal(RefusalKind.InvalidTransition, back.Kind);
        Assert.Contains("archived is final", back.Message, StringComparison.Ordinal);
        Assert.Empty((await harness.Engine.History.ListExecutionsAsync(new Engine.History.ExecutionQuery { Limit = 10 }, default)).Executions);
    }

    [Fact]
    public async Task Execution_StartedBeforeItsVersionIsDeprecated_GoesOnPinnedToIt()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: pinned
            name: Pinned
            version: 1.0.0
            steps:
              - id: risky
                approval: { message: "Go?" }
                action: set
                with: { done: true }
            """);
        await harness.Engine.SetPlaybookStatusAsync("pinned", "1.1.0", PlaybookStatus.Active, "cli:alice", default);
        await harness.Engine.SetPlaybookStatusAsync("pinned", "1.0.0", PlaybookStatus.Deprecated, "cli:alice", default);

        await harness.Engine.DecideAsync(Control.ApprovalDecisionTests.Decision(parked.ExecutionId, "risky", true, "alice"), default);
        var done = await Control.Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal("1.0.0", done.PlaybookVersion);
    }
}
