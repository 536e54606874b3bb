using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStoreGuardrailTestsOnSqlite"/> and <see cref="HistoryStoreGuardrailTestsOnPostgres"/>.</summary>
public abstract class HistoryStoreGuardrailTests(StoreKind kind) : IAsyncLifetime
{
    private const string Inputs = "{\"host\":\"web-1\"}";
    private const string Incident = "{\"id\":\"INC-7\"}";
    private static readonly CancellationToken None = CancellationToken.None;
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task ListExecutionStartsAsync_Mix_CountsOnlyRealRunsOfThatPlaybookSince()
    {
        await using var store = await Seeded();

        var starts = await store.ListExecutionStartsAsync("restart-nginx", T0.AddMinutes(1), None);

        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(3), T0.AddMinutes(4)], starts);
    }

    [Fact]
    public async Task ListActiveExecutionsAsync_Mix_ReturnsRealUnfinishedOfThatPlaybook()
    {
        await using var store = await Seeded();

        var active = await store.ListActiveExecutionsAsync("restart-nginx", None);

        Assert.Equal(["real-running", "real-waiting", "real-incident"], active.Select(run => run.Id));
    }

    [Fact]
    public async Task FindDryRunAsync_Mix_FindsTheNewestCompletedDryRunWithTheSameHashAndInputs()
    {
        await using var store = await Seeded();

        Assert.Equal("dry-new", (await store.FindDryRunAsync("restart-nginx", Sha, Inputs, T0, None))?.Id);
        Assert.Equal("dry-new", (await store.FindDryRunAsync("restart-nginx", Sha, Inputs, T0.AddMinutes(5), None))?.Id);
        Assert.Null(await store.FindDryRunAsync("restart-nginx", Sha, Inputs, T0.AddMinutes(6), None));
        Assert.Null(await store.FindDryRunAsync("restart-nginx", Sha, "{\"host\": \"web-1\"}", T0, None));
        Assert.Null(await store.FindDryRunAsync("restart-nginx", new string('a', 64), Inputs, T0, None));
        Assert.Null(await store.FindDryRunAsync("other", Sha, "{}", T0, None));
    }

    [Fact]
    public async Task FindActiveDuplicateAsync_IncidentComparedNullSafely()
    {
        await using var store = await Seeded();

        Assert.Equal("real-waiting", (await store.FindActiveDuplicateAsync("restart-nginx", Sha, Inputs, null, null, None))?.Id);
        Assert.Equal("real-incident", (await store.FindActiveDuplicateAsync("restart-nginx", Sha, Inputs, Incident, null, None))?.Id);
        Assert.Null(await store.FindActiveDuplicateAsync("restart-nginx", Sha, Inputs, "{\"id\":\"INC-8\"}", null, None));
        Assert.Null(await store.FindActiveDuplicateAsync("restart-nginx", Sha, "{}", null, null, None));
        Assert.Equal("other-running", (await store.FindActiveDuplicateAsync("other", Sha, Inputs, null, null, None))?.Id);
    }

    [Fact]
    public async Task ListChildrenAsync_ReturnsTheSubPlaybooksOldestFirst()
    {
        await using var store = await Seeded();
        await store.WriteAsync(
        [
            new HistoryWrite.SaveExecution(Run("child-2", createdAt: T0.AddMinutes(9)) with { ParentExecutionId = "real-running", Depth = 1 }),
            new HistoryWrite.SaveExecution(Run("child-1", createdAt: T0.AddMinutes(8)) with { ParentExecutionId = "real-running", Depth = 1 }),
            new HistoryWrite.SaveExecution(Run("grandchild", createdAt: T0.AddMinutes(10)) with { ParentExecutionId = "child-1", Depth = 2 }),
        ]);

        var children = await store.ListChildrenAsync("real-running", None);

        Assert.Equal(["child-1", "child-2"], children.Select(run => run.Id));
        Assert.All(children, child => Assert.Equal(1, child.Depth));
        Assert.Empty(await store.ListChildrenAsync("grandchild", None));
    }

    private async Task<McpPlaybooks.Engine.History.HistoryStore> Seeded()
    {
        var store = await home.OpenAsync();
        ExecutionRecord At(string id, int minute, ExecutionStatus status, bool dryRun = false, string playbookId = "restart-nginx") =>
            Run(id, playbookId, status, T0.AddMinutes(minute)) with { DryRun = dryRun, InputsJson = Inputs };
        await store.WriteAsync(
        [
            new HistoryWrite.SavePlaybookVersion(Playbook()),
            new HistoryWrite.SavePlaybookVersion(Playbook("other")),
            new HistoryWrite.SaveExecution(At("real-old", 0, ExecutionStatus.Completed)),
            new HistoryWrite.SaveExecution(At("real-running", 1, ExecutionStatus.Running)),
            new HistoryWrite.SaveExecution(At("real-waiting", 2, ExecutionStatus.WaitingApproval)),
            new HistoryWrite.SaveExecution(At("real-failed", 3, ExecutionStatus.Failed)),
            new HistoryWrite.SaveExecution(At("real-incident", 4, ExecutionStatus.Paused) with { IncidentJson = Incident }),
            new HistoryWrite.SaveExecution(At("dry-old", 1, ExecutionStatus.Completed, dryRun: true)),
            new HistoryWrite.SaveExecution(At("dry-new", 5, ExecutionStatus.Completed, dryRun: true)),
            new HistoryWrite.SaveExecution(At("dry-failed", 6, ExecutionStatus.Failed, dryRun: true)),
            new HistoryWrite.SaveExecution(At("dry-running", 6, ExecutionStatus.Running, dryRun: true)),
            new HistoryWrite.SaveExecution(At("other-running", 2, ExecutionStatus.Running, playbookId: "other")),
            new HistoryWrite.SaveExecution(At("other-dry", 7, ExecutionStatus.Completed, dryRun: true, playbookId: "other")),
        ]);
        return store;
    }
}

public sealed class HistoryStoreGuardrailTestsOnSqlite() : HistoryStoreGuardrailTests(StoreKind.Sqlite);

public sealed class HistoryStoreGuardrailTestsOnPostgres() : HistoryStoreGuardrailTests(StoreKind.Postgres);
