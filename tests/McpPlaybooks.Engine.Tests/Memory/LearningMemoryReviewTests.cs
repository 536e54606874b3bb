using System.Data.Common;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>Counting rules of the fold found in review: blocked steps, empty loops, breaker refusals, cancelled runs.</summary>
public sealed class LearningMemoryReviewTests
{
    [Fact]
    public async Task GetInsightsAsync_StepBlockedByAFailingStep_IsNotCountedAsSkipped()
    {
        await using var harness = await EngineHarness.StartAsync();
        const string yaml = """
            id: chain
            name: Chain
            version: 1.0.0
            on_failure: continue
            steps:
              - id: broken
                action: shell
                with: { command: ["false"] }
                rollback: []
              - id: after
                needs: [broken]
                action: log
                with: { message: never reached }
            """;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ExecutionStatus.Failed, (await harness.RunAsync(yaml)).Status);
        }

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default);
        var metrics = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default);

        var after = Assert.Single(metrics.Playbooks).Steps.Single(s => s.StepId == "after");
        Assert.Equal((0, 0), (after.Runs, after.Skipped));
        Assert.DoesNotContain(insights.Recommendations, r => r.Kind == RecommendationKind.RarelyRunStep);
    }

    [Fact]
    public async Task GetMetricsAsync_EmptyForeach_DoesNotCountAsACompletedRun()
    {
        await using var harness = await EngineHarness.StartAsync();
        const string yaml = """
            id: loop
            name: Loop
            version: 1.0.0
            inputs:
              hosts: { type: array }
            steps:
              - id: each
                foreach: inputs.hosts
                action: set
                with: { host: "{{ item }}" }
            """;
        await harness.RunAsync(yaml, EngineHarness.Inputs(("hosts", Value.From([Value.From("a")]))));
        await harness.RunAsync(yaml, EngineHarness.Inputs(("hosts", Value.From(Array.Empty<Value>()))));
        await harness.RunAsync(yaml, EngineHarness.Inputs(("hosts", Value.From(Array.Empty<Value>()))));

        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);

        Assert.Equal((1, 1, 0), (step.Runs, step.Completed, step.Failed));
        Assert.Equal(1.0, step.SuccessRate);
    }

    [Fact]
    public async Task GetInsightsAsync_AttemptsRefusedByTheBreaker_AreNeitherRetryTrialsNorDurations()
    {
        // Real calls alternate failure and success (the script's counter moves only when it runs), so every retry that
        // made a call succeeded; a sick service sharing the breaker opens it, which then refuses a retry (its half-open
        // moment is after the attempt's timeout), and that attempt made no call.
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Down(harness, "shared"), 4);
        var states = await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Flaky(harness, "shared"), 2);
        var attempts = new List<Engine.History.Records.StepAttemptRecord>();
        foreach (var state in states)
        {
            attempts.AddRange(await harness.AttemptsAsync(state.ExecutionId));
        }

        var refused = attempts.Count(a => a.RefusedByBreaker);
        Assert.True(refused > 0, "the default breaker refuses some attempts");
        Assert.Contains(attempts, a => a.Attempt == 2 && a.ErrorCategory == ErrorCategory.Dependency);

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default);

        Assert.All(insights.Retries, r => Assert.Equal(1.0, r.Rate));
        Assert.Equal(attempts.Count - refused, await CountAsync(harness, "SELECT SUM(count) FROM memory_duration_totals WHERE step_id = 'restart'"));
    }

    [Fact]
    public async Task GetInsightsAsync_OneMessageInTwoCategories_IsTwoPatterns()
    {
        await using var harness = await EngineHarness.StartAsync();
        const string yaml = """
            id: web
            name: Web
            version: 1.0.0
            inputs:
              run: { type: integer }
            errors:
              - { match: "web-1", category: temporary }
            steps:
              - id: call
                action: shell
                with: { command: [sh, -c, "echo failed on web-$1 >&2; exit 1", sh, "{{ inputs.run }}"] }
                rollback: []
            """;
        await MemoryPlaybooks.RunManyAsync(harness, yaml, 2);

        var patterns = (await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default)).Patterns;

        Assert.Equal(2, patterns.Count);
        Assert.Single(patterns.Select(p => p.Fingerprint).Distinct());
        Assert.Equal([ErrorCategory.Temporary, ErrorCategory.Unknown], patterns.OrderBy(p => p.Example, StringComparer.Ordinal).Select(p => p.Category));
    }

    [Fact]
    public async Task GetTrackRecordAsync_CancelledRuns_AreNeitherSuccessNorFailureForAnIncidentType()
    {
        await using var harness = await EngineHarness.StartAsync();
        const string yaml = """
            id: gated
            name: Gated
            version: 1.0.0
            inputs:
              run: { type: integer }
            steps:
              - id: gate
                when: "inputs.run > 1"
                action: approval
                with: { message: "Proceed?" }
            """;
        Assert.Equal(ExecutionStatus.Completed, (await MemoryPlaybooks.RunAsync(harness, yaml, 1, "outage")).Status);
        for (var run = 2; run <= 3; run++)
        {
            var parked = await MemoryPlaybooks.RunAsync(harness, yaml, run, "outage");
            Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
            var cancelled = await harness.Engine.ControlAsync(new ControlRequest { ExecutionId = parked.ExecutionId, Action = ControlAction.Cancel, RequestedBy = "test" }, default);
            Assert.Equal(ExecutionStatus.Cancelled, cancelled.Status);
        }

        var record = await harness.Engine.Memory.GetTrackRecordAsync("gated", default);
        var metrics = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);

        Assert.Equal((3, 1, 2, 1.0), (record!.Runs, record.Completed, record.Cancelled, record.SuccessRate));
        Assert.Equal(new IncidentTypeMetrics("outage", 3, 1, 2, 1.0), Assert.Single(record.IncidentTypes));
        Assert.Equal(new IncidentTypeMetrics("outage", 3, 1, 2, 1.0), Assert.Single(metrics.IncidentTypes));
        Assert.Equal(1.0, metrics.SuccessRate);
    }

    [Fact]
    public async Task GetInsightsAsync_QueryWithPlaybookAndStep_SearchesOnlyTheirNotesAndPatterns()
    {
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 4);
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Login(harness), 1);
        await harness.Engine.Memory.RecordNoteAsync("the config error came from a stale template", [], "config-check", null, "test", default);
        await harness.Engine.Memory.RecordNoteAsync("another config error, in the login setup", [], "login-check", null, "test", default);

        var all = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { Query = "config error" }, default);
        var login = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { Query = "config error", PlaybookId = "login-check" }, default);
        var check = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { Query = "config error", PlaybookId = "config-check", StepId = "check" }, default);

        Assert.Equal(3, all.Search!.Count);
        Assert.Equal([(SearchHitKind.Note, "login-check")], login.Search!.Select(h => (h.Kind, h.PlaybookId)));
        Assert.Equal([(SearchHitKind.ErrorPattern, "config-check")], check.Search!.Select(h => (h.Kind, h.PlaybookId)));
    }

    /// <summary>One number the harness's history gives for <paramref name="sql"/>, on either store.</summary>
    internal static async Task<long> CountAsync(EngineHarness harness, string sql)
    {
        await using DbConnection connection = harness.Location.Kind == StoreKind.Postgres
            ? new NpgsqlConnection(harness.Location.Target)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.Location.Target, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
