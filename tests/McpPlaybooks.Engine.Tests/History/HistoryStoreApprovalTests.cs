using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Lifecycle;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStoreApprovalTestsOnSqlite"/> and <see cref="HistoryStoreApprovalTestsOnPostgres"/>.</summary>
public abstract class HistoryStoreApprovalTests(StoreKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task SaveApproval_EveryFieldSet_ReadsBackTheSameRecord()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        var gate = Gate("run-1", "deploy") with
        {
            Approvers = ["alice", "role:sre", "quote\"d"],
            MinApprovals = 2,
            ExpiresAt = T0.AddHours(1),
            OnTimeout = ApprovalTimeoutDecision.Skip,
            SeparateApprover = true,
            Status = ApprovalStatus.Expired,
            ResolvedAt = T0.AddHours(1),
        };
        var open = Gate("run-1", "_start");
        await store.WriteAsync([new HistoryWrite.SaveApproval(gate), new HistoryWrite.SaveApproval(open)]);

        var gates = await store.GetApprovalsAsync("run-1", None);

        Assert.Equal(2, gates.Count);
        Assert.Equal(gate.Approvers, gates.Single(g => g.StepId == "deploy").Approvers);
        Assert.Equal(gate with { Approvers = [] }, gates.Single(g => g.StepId == "deploy") with { Approvers = [] });
        Assert.Equal(open with { Approvers = [] }, gates.Single(g => g.StepId == "_start") with { Approvers = [] });
        Assert.Empty(gates.Single(g => g.StepId == "_start").Approvers);
    }

    [Fact]
    public async Task SaveApproval_ClearDecisions_DeletesOnlyThatGatesDecisionsInTheSameCommit()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync(
        [
            new HistoryWrite.SaveApproval(Gate("run-1", "deploy")),
            new HistoryWrite.SaveApproval(Gate("run-1", "verify")),
            new HistoryWrite.AppendDecision(Decision("run-1", "deploy", "alice", approved: false)),
            new HistoryWrite.AppendDecision(Decision("run-1", "verify", "bob", approved: true)),
        ]);

        var kept = await store.GetDecisionsAsync("run-1", None);
        Assert.Equal(2, kept.Count);
        Assert.Equal(Decision("run-1", "deploy", "alice", approved: false) with { Id = kept[0].Id }, kept[0]);

        await store.WriteAsync(new HistoryWrite.SaveApproval(Gate("run-1", "deploy") with { CreatedAt = T0.AddMinutes(5) }, ClearDecisions: true));
        await store.WriteAsync(new HistoryWrite.AppendDecision(Decision("run-1", "deploy", "carol", approved: true)));

        var after = await store.GetDecisionsAsync("run-1", None);
        Assert.Equal(["bob", "carol"], after.Select(d => d.Approver));
        Assert.Equal(T0.AddMinutes(5), (await store.GetApprovalsAsync("run-1", None)).Single(g => g.StepId == "deploy").CreatedAt);
    }

    [Fact]
    public async Task SaveApproval_WithoutClearDecisions_KeepsThem()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync([new HistoryWrite.SaveApproval(Gate("run-1", "deploy")), new HistoryWrite.AppendDecision(Decision("run-1", "deploy", "alice", approved: true))]);

        await store.WriteAsync(new HistoryWrite.SaveApproval(Gate("run-1", "deploy") with { Status = ApprovalStatus.Approved, ResolvedAt = T0.AddMinutes(1) }));

        Assert.Single(await store.GetDecisionsAsync("run-1", None));
        Assert.Equal(ApprovalStatus.Approved, (await store.GetApprovalsAsync("run-1", None)).Single().Status);
    }

    [Fact]
    public async Task ListPendingApprovalsAsync_AcrossExecutions_ReturnsOnlyPendingOnes()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync(new HistoryWrite.SaveExecution(Run("run-2")));
        await store.WriteAsync(
        [
            new HistoryWrite.SaveApproval(Gate("run-1", "a") with { CreatedAt = T0.AddSeconds(2) }),
            new HistoryWrite.SaveApproval(Gate("run-1", "b") with { Status = ApprovalStatus.Rejected }),
            new HistoryWrite.SaveApproval(Gate("run-2", "c") with { CreatedAt = T0.AddSeconds(1) }),
            new HistoryWrite.SaveApproval(Gate("run-2", "d") with { Status = ApprovalStatus.Closed }),
        ]);

        var pending = await store.ListPendingApprovalsAsync(None);

        Assert.Equal(["c", "a"], pending.Select(g => g.StepId));
    }

    [Fact]
    public async Task AppendDecision_UnknownExecution_FailsWithoutStoringIt()
    {
        await using var store = await home.OpenAsync();

        await Assert.ThrowsAsync<HistoryWriteException>(() => store.WriteAsync(new HistoryWrite.AppendDecision(Decision("missing", "deploy", "alice", approved: true))));

        Assert.Empty(await store.GetDecisionsAsync("missing", None));
    }

    [Fact]
    public async Task SavePlaybookStatus_Upsert_ReadsTheLatestPerVersion()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(
        [
            new HistoryWrite.SavePlaybookStatus(Status("1.0.0", PlaybookStatus.Active, T0)),
            new HistoryWrite.SavePlaybookStatus(Status("2.0.0", PlaybookStatus.Draft, T0.AddSeconds(1))),
            new HistoryWrite.SavePlaybookStatus(Status("1.0.0", PlaybookStatus.Active, T0) with { PlaybookId = "other" }),
        ]);
        var deprecated = Status("1.0.0", PlaybookStatus.Deprecated, T0.AddSeconds(2)) with { ChangedBy = "cli:bob" };
        await store.WriteAsync(new HistoryWrite.SavePlaybookStatus(deprecated));

        Assert.Equal(deprecated, await store.GetPlaybookStatusAsync("restart-nginx", "1.0.0", None));
        Assert.Null(await store.GetPlaybookStatusAsync("restart-nginx", "3.0.0", None));
        var all = await store.ListPlaybookStatusesAsync("restart-nginx", None);
        Assert.Equal([("2.0.0", PlaybookStatus.Draft), ("1.0.0", PlaybookStatus.Deprecated)], all.Select(s => (s.Version, s.Status)));
    }

    private static ApprovalRecord Gate(string executionId, string stepId) => new()
    {
        ExecutionId = executionId,
        StepId = stepId,
        Message = "Approve the restart of web-1?",
        Status = ApprovalStatus.Pending,
        CreatedAt = T0,
    };

    private static ApprovalDecisionRecord Decision(string executionId, string stepId, string approver, bool approved) => new()
    {
        ExecutionId = executionId,
        StepId = stepId,
        Approver = approver,
        Approved = approved,
        Comment = approved ? null : "not during peak",
        At = T0.AddSeconds(10),
    };

    private static PlaybookStatusRecord Status(string version, PlaybookStatus status, DateTimeOffset at) => new()
    {
        PlaybookId = "restart-nginx",
        Version = version,
        Status = status,
        ChangedAt = at,
        ChangedBy = "cli:alice",
    };
}

public sealed class HistoryStoreApprovalTestsOnSqlite() : HistoryStoreApprovalTests(StoreKind.Sqlite);

public sealed class HistoryStoreApprovalTestsOnPostgres() : HistoryStoreApprovalTests(StoreKind.Postgres);
