using Dapper;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStoreRoundTripTestsOnSqlite"/> and <see cref="HistoryStoreRoundTripTestsOnPostgres"/>.</summary>
public abstract class HistoryStoreRoundTripTests(StoreKind kind) : IAsyncLifetime
{
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task GetExecutionAsync_EveryFieldSet_ReturnsTheSameRecord()
    {
        await using var store = await home.OpenAsync();
        var parent = Run("run-0");
        var full = Run("run-1", status: ExecutionStatus.WaitingApproval) with
        {
            DryRun = true,
            InputsJson = "{\"host\":\"web-1\"}",
            IncidentJson = "{\"id\":\"INC-7\"}",
            StartedBy = "cli:alice",
            IdempotencyKey = "key-1",
            ParentExecutionId = "run-0",
            ReplayOf = "run-0",
            StartedAt = T0.AddSeconds(1),
            EndedAt = T0.AddSeconds(2),
            ErrorCategory = ErrorCategory.Authorization,
            ErrorMessage = "denied",
            OutputsJson = "{\"ok\":true}",
            OwnerId = "host-1:4242",
            LeaseExpiresAt = T0.AddSeconds(30),
            UpdatedAt = T0.AddSeconds(3),
        };
        await store.WriteAsync([new HistoryWrite.SavePlaybookVersion(Playbook()), new HistoryWrite.SaveExecution(parent), new HistoryWrite.SaveExecution(full)]);

        Assert.Equal(full, await store.GetExecutionAsync("run-1", CancellationToken.None));
        Assert.Equal(parent, await store.GetExecutionAsync("run-0", CancellationToken.None));
        Assert.Equal(full, await store.FindExecutionByIdempotencyKeyAsync("key-1", CancellationToken.None));
        Assert.Null(await store.GetExecutionAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_EveryExecutionStatus_StoredAsSnakeNameAndReadBack()
    {
        await using var store = await home.OpenAsync();
        var statuses = Enum.GetValues<ExecutionStatus>();
        var categories = Categories;
        var writes = new List<HistoryWrite> { new HistoryWrite.SavePlaybookVersion(Playbook()) };
        writes.AddRange(statuses.Select((status, i) => new HistoryWrite.SaveExecution(
            Run("run-" + i, status: status) with { ErrorCategory = categories[i % categories.Length] })));
        await store.WriteAsync(writes);

        using var raw = home.Connect();
        for (var i = 0; i < statuses.Length; i++)
        {
            var read = await store.GetExecutionAsync("run-" + i, CancellationToken.None);
            Assert.Equal(statuses[i], read!.Status);
            Assert.Equal(categories[i % categories.Length], read.ErrorCategory);
            Assert.Equal(EnumNames.ToName(statuses[i]), raw.ExecuteScalar<string>("SELECT status FROM executions WHERE id = @id", new { id = "run-" + i }));
        }

        Assert.Equal("waiting_approval", raw.ExecuteScalar<string>("SELECT status FROM executions WHERE id = 'run-3'"));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), raw.ExecuteScalar<long>("SELECT created_at FROM executions WHERE id = 'run-0'"));
    }

    [Fact]
    public async Task GetStepStatesAsync_EveryStatusAndNulls_ReadBackInPositionOrder()
    {
        await using var store = await home.OpenAsync();
        var statuses = Enum.GetValues<StepStatus>();
        var states = statuses.Select((status, i) => new StepStateRecord
        {
            ExecutionId = "run-1",
            StepId = "step-" + i,
            Position = statuses.Length - i,
            Status = status,
            Attempts = i,
            StartedAt = i % 2 == 0 ? T0 : null,
            EndedAt = i % 2 == 0 ? T0.AddMilliseconds(i) : null,
            OutputJson = i % 2 == 0 ? "[1,2]" : null,
            ErrorCategory = i % 2 == 0 ? Categories[i] : null,
            ErrorMessage = i % 2 == 0 ? "boom" : null,
            PlanJson = i % 3 == 0 ? "{\"would\":\"restart\"}" : null,
        }).ToList();
        await store.WriteAsync([.. Started("run-1"), .. states.Select(state => new HistoryWrite.SaveStepState(state))]);

        var read = await store.GetStepStatesAsync("run-1", CancellationToken.None);

        Assert.Equal(states.OrderBy(state => state.Position), read);
    }

    [Fact]
    public async Task GetAttemptsAsync_EveryKindCategoryAndNullIteration_ReadBack()
    {
        await using var store = await home.OpenAsync();
        var attempts = new List<StepAttemptRecord>();
        foreach (var kind in Enum.GetValues<AttemptKind>())
        {
            attempts.Add(Attempt("run-1") with { Kind = kind, Iteration = null, StartedAt = T0.AddSeconds(attempts.Count) });
            attempts.Add(Attempt("run-1") with { Kind = kind, Iteration = 0, Target = null, StartedAt = T0.AddSeconds(attempts.Count) });
        }

        foreach (var (category, i) in Categories.Select((c, i) => (c, i)))
        {
            attempts.Add(Attempt("run-1", "flaky", attempt: i + 1, status: StepStatus.Failed) with
            {
                ErrorCategory = category,
                ErrorMessage = "failed " + i,
                EndedAt = T0.AddSeconds(100 + i).AddMilliseconds(250),
                OutputJson = "{\"exit_code\":1}",
                StartedAt = T0.AddSeconds(100 + i),
            });
        }

        await store.WriteAsync([.. Started("run-1"), .. attempts.Select(attempt => new HistoryWrite.SaveAttempt(attempt))]);

        var read = await store.GetAttemptsAsync("run-1", CancellationToken.None);

        Assert.Equal(attempts, read);
        Assert.Equal(250, read[^1].DurationMs);
        using var raw = home.Connect();
        Assert.Equal(Enum.GetValues<AttemptKind>().Length, raw.ExecuteScalar<long>("SELECT count(*) FROM step_attempts WHERE iteration = -1 AND step_id = 'restart'"));
    }

    [Fact]
    public async Task GetAttemptsAsync_OfOneKind_ReadsThoseOnlyInTheOrderTheyStarted()
    {
        await using var store = await home.OpenAsync();
        var attempts = new List<StepAttemptRecord>();
        foreach (var i in Enumerable.Range(0, 12))
        {
            var kind = Enum.GetValues<AttemptKind>()[i % 4];
            attempts.Add(Attempt("run-1", "call-" + (i % 3), attempt: i + 1) with { Kind = kind, StartedAt = T0.AddSeconds(20 - i), OutputJson = "{\"n\":" + i + "}" });
        }

        await store.WriteAsync([.. Started("run-1"), new HistoryWrite.SaveExecution(Run("run-2")), .. attempts.Select(attempt => new HistoryWrite.SaveAttempt(attempt)),
            new HistoryWrite.SaveAttempt(Attempt("run-2") with { Kind = AttemptKind.Finally })]);

        var read = await store.GetAttemptsAsync("run-1", AttemptKind.Finally, CancellationToken.None);

        Assert.Equal(attempts.Where(a => a.Kind == AttemptKind.Finally).OrderBy(a => a.StartedAt), read);
        Assert.Equal(3, read.Count);
        Assert.Empty(await store.GetAttemptsAsync("run-3", AttemptKind.Finally, CancellationToken.None));
    }

    [Fact]
    public async Task GetAttemptsWithoutOutputsAsync_ReadsEverythingButTheOutputs()
    {
        await using var store = await home.OpenAsync();
        var attempts = Enumerable.Range(0, 6).Select(i => Attempt("run-1", "step-" + (i % 2), attempt: i + 1, status: StepStatus.Failed) with
        {
            Kind = Enum.GetValues<AttemptKind>()[i % 4],
            StartedAt = T0.AddSeconds(i),
            EndedAt = T0.AddSeconds(i).AddMilliseconds(30),
            ErrorCategory = Categories[i % Categories.Length],
            ErrorMessage = "failed " + i,
            OutputJson = "{\"stdout\":\"" + new string('o', 5000) + "\"}",
        }).ToList();
        await store.WriteAsync([.. Started("run-1"), .. attempts.Select(attempt => new HistoryWrite.SaveAttempt(attempt))]);

        var read = await store.GetAttemptsWithoutOutputsAsync("run-1", CancellationToken.None);

        Assert.Equal(attempts.Select(a => a with { OutputJson = null }), read);
        Assert.All(await store.GetAttemptsAsync("run-1", CancellationToken.None), a => Assert.NotNull(a.OutputJson));
    }

    [Fact]
    public async Task GetStepAttemptsWithoutOutputsAsync_OneStep_ReadsItsAttemptsOnlyInTheOrderTheyStartedWithoutOutputs()
    {
        await using var store = await home.OpenAsync();
        var attempts = Enumerable.Range(0, 9).Select(i => Attempt("run-1", "step-" + (i % 3), attempt: i + 1) with
        {
            Kind = Enum.GetValues<AttemptKind>()[i % 4],
            StartedAt = T0.AddSeconds(20 - i),
            OutputJson = "{\"n\":" + i + "}",
        }).ToList();
        await store.WriteAsync([.. Started("run-1"), new HistoryWrite.SaveExecution(Run("run-2")), .. attempts.Select(attempt => new HistoryWrite.SaveAttempt(attempt)),
            new HistoryWrite.SaveAttempt(Attempt("run-2", "step-1"))]);

        var read = await store.GetStepAttemptsWithoutOutputsAsync("run-1", "step-1", CancellationToken.None);

        Assert.Equal(attempts.Where(a => a.StepId == "step-1").OrderBy(a => a.StartedAt).Select(a => a with { OutputJson = null }), read);
        Assert.Equal(3, read.Count);
        Assert.Empty(await store.GetStepAttemptsWithoutOutputsAsync("run-1", "step-9", CancellationToken.None));
    }

    [Fact]
    public async Task LogsAndAudit_Appended_GetIncreasingIdsAndReadBack()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync([
            .. Enum.GetValues<ExecutionLogLevel>().Select(level => new HistoryWrite.AppendLog(Log("run-1", "line " + level, level, stepId: level == ExecutionLogLevel.Debug ? null : "restart"))),
            new HistoryWrite.AppendAudit(Audit("run-1")),
            new HistoryWrite.AppendAudit(Audit("run-1", "step_approved") with { DetailJson = null, Id = 999 }),
        ]);

        var logs = (await store.GetLogsAsync(new() { ExecutionId = "run-1" }, CancellationToken.None)).Entries;
        var audit = await store.GetAuditAsync("run-1", CancellationToken.None);

        Assert.Equal(Enum.GetValues<ExecutionLogLevel>(), logs.Select(log => log.Level));
        Assert.Equal(logs.Select(log => log.Id).Order(), logs.Select(log => log.Id));
        Assert.Equal(Log("run-1", "line Debug", ExecutionLogLevel.Debug) with { Id = logs[0].Id }, logs[0]);
        Assert.Equal(["execution_started", "step_approved"], audit.Select(entry => entry.Action));
        Assert.Equal(Audit("run-1", "step_approved") with { DetailJson = null, Id = audit[1].Id }, audit[1]);
        Assert.True(audit[1].Id > audit[0].Id);
        Assert.NotEqual(999, audit[1].Id);
    }

    [Fact]
    public async Task SaveExecution_Twice_ReplacesTheRowAndKeepsItsSteps()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([.. Started("run-1"), new HistoryWrite.SaveStepState(new() { ExecutionId = "run-1", StepId = "a", Status = StepStatus.Completed })]);
        var ended = Run("run-1", status: ExecutionStatus.Completed) with { EndedAt = T0.AddMinutes(1), OutputsJson = "{}", UpdatedAt = T0.AddMinutes(1) };

        await store.WriteAsync(new HistoryWrite.SaveExecution(ended));

        Assert.Equal(ended, await store.GetExecutionAsync("run-1", CancellationToken.None));
        Assert.Single(await store.GetStepStatesAsync("run-1", CancellationToken.None));
        using var raw = home.Connect();
        Assert.Equal(1, raw.ExecuteScalar<long>("SELECT count(*) FROM executions"));
    }

    [Fact]
    public async Task SaveAttempt_SameKey_ReplacesAndOtherKeysStaySeparate()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([.. Started("run-1"), new HistoryWrite.SaveAttempt(Attempt("run-1")), new HistoryWrite.SaveAttempt(Attempt("run-1") with { Iteration = 0 })]);
        var finished = Attempt("run-1", status: StepStatus.Completed) with { EndedAt = T0.AddSeconds(2), OutputJson = "{\"stdout\":\"ok\"}" };

        await store.WriteAsync(new HistoryWrite.SaveAttempt(finished));

        var read = await store.GetAttemptsAsync("run-1", CancellationToken.None);
        Assert.Equal(2, read.Count);
        Assert.Contains(finished, read);
        Assert.Contains(read, attempt => attempt.Iteration == 0 && attempt.Status == StepStatus.Running);
    }

    [Fact]
    public async Task SavePlaybookVersion_Twice_KeepsOneRowAndTheFirstText()
    {
        await using var store = await home.OpenAsync();
        var first = Playbook() with { Source = "/srv/playbooks/restart-nginx.yaml" };

        await store.WriteAsync(new HistoryWrite.SavePlaybookVersion(first));
        await store.WriteAsync(new HistoryWrite.SavePlaybookVersion(Playbook(content: "changed")));

        Assert.Equal(first, await store.GetPlaybookVersionAsync("restart-nginx", "1.2.0", Sha, CancellationToken.None));
        Assert.Null(await store.GetPlaybookVersionAsync("restart-nginx", "1.2.0", "other", CancellationToken.None));
        using var raw = home.Connect();
        Assert.Equal(1, raw.ExecuteScalar<long>("SELECT count(*) FROM playbook_versions"));
    }
}

public sealed class HistoryStoreRoundTripTestsOnSqlite() : HistoryStoreRoundTripTests(StoreKind.Sqlite);

public sealed class HistoryStoreRoundTripTestsOnPostgres() : HistoryStoreRoundTripTests(StoreKind.Postgres);
