using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Memory;

/// <summary><c>get_execution_metrics</c> through a real client, on histories built by real executions with known outcomes.</summary>
public sealed class GetExecutionMetricsToolTests
{
    [Fact]
    public async Task GetExecutionMetrics_OneRunInFourFailsPermanently_ExactNumbersForThePlaybookAndItsSteps()
    {
        await using var memory = await MemoryServer.StartAsync();
        var statuses = await memory.RunManyAsync("config-check", 8);
        Assert.Equal(2, statuses.Count(s => s == ExecutionStatus.Failed));

        var result = await memory.Server.CallAsync("get_execution_metrics", new { playbook_id = "config-check" });
        var json = ToolCalls.Structured(result);

        await memory.Server.AssertMatchesOutputSchemaAsync("get_execution_metrics", json);
        var playbook = Assert.Single(json["playbooks"]!.AsArray())!;
        Assert.Equal((8, 6, 2, 0, 0, 0.75), (Int(playbook, "runs"), Int(playbook, "completed"), Int(playbook, "failed"), Int(playbook, "cancelled"), Int(playbook, "rolled_back"), playbook["success_rate"]!.GetValue<double>()));
        Assert.True(playbook["p95_ms"]!.GetValue<long>() >= playbook["p50_ms"]!.GetValue<long>());
        Assert.NotNull(playbook["mttr_ms"]);
        Assert.Equal("""{"configuration":4}""", playbook["error_categories"]!.ToJsonString());
        var steps = playbook["steps"]!.AsArray();
        Assert.Equal(["check", "notify"], steps.Select(s => s!["step_id"]!.GetValue<string>()));
        var check = steps[0]!;
        Assert.Equal((8, 6, 2, 0, 10, 0, 0.75), (Int(check, "runs"), Int(check, "completed"), Int(check, "failed"), Int(check, "skipped"), Int(check, "attempts"), Int(check, "timeouts"), check["success_rate"]!.GetValue<double>()));
        Assert.Equal("""{"configuration":4}""", check["error_categories"]!.ToJsonString());
        Assert.Equal((0, 8), (Int(steps[1]!, "runs"), Int(steps[1]!, "skipped")));
        var target = Assert.Single(json["targets"]!.AsArray())!;
        Assert.Contains("config.sh", target["target"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((10, 4, 0), (Int(target, "attempts"), Int(target, "failures"), Int(target, "breaker_refusals")));
        var breaker = Assert.Single(json["breakers"]!.AsArray())!;
        Assert.Equal("closed", breaker["state"]!.GetValue<string>());
        Assert.Matches(@"^config-check: 8 runs, 75% success, p95 \d+(\.\d)?m?s, MTTR \d+(\.\d)?m?s; failing steps: check \(failed in 2 of 8 runs; failed attempts: configuration ×4\)\. No circuit breaker is open\.$", ToolCalls.Text(result));
    }

    [Fact]
    public async Task GetExecutionMetrics_AllPlaybooks_OneLineEachAndNoSteps()
    {
        await using var memory = await MemoryServer.StartAsync();
        Assert.All(await memory.RunManyAsync("flaky-restart", 5), s => Assert.Equal(ExecutionStatus.Completed, s));
        await memory.RunManyAsync("config-check", 4);

        var result = await memory.Server.CallAsync("get_execution_metrics");
        var json = ToolCalls.Structured(result);

        var playbooks = json["playbooks"]!.AsArray();
        Assert.Equal(["flaky-restart", "config-check"], playbooks.Select(p => p!["playbook_id"]!.GetValue<string>()));
        Assert.All(playbooks, p => Assert.False(p!.AsObject().ContainsKey("steps")));
        Assert.Equal("""{"temporary":4}""", playbooks[0]!["error_categories"]!.ToJsonString());
        Assert.Equal(2, json["targets"]!.AsArray().Count);
        Assert.False(json.ContainsKey("omitted"));
        Assert.Matches(@"^2 playbooks, 9 runs: flaky-restart: 5 runs, 100% success, p95 [^;]+; config-check: 4 runs, 75% success, p95 [^;]+\. No circuit breaker is open\.$", ToolCalls.Text(result));
    }

    [Fact]
    public async Task GetExecutionMetrics_TargetAlwaysDown_BreakerOpenNowAndItsOpeningCounted()
    {
        await using var memory = await MemoryServer.StartAsync();
        var statuses = await memory.RunManyAsync("down-check", 6);
        Assert.All(statuses, s => Assert.Equal(ExecutionStatus.Failed, s));

        var result = await memory.Server.CallAsync("get_execution_metrics", new { playbook_id = "down-check" });
        var json = ToolCalls.Structured(result);

        var breaker = Assert.Single(json["breakers"]!.AsArray())!;
        Assert.Contains("down.sh", breaker["target"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("open", breaker["state"]!.GetValue<string>());
        Assert.NotNull(breaker["open_until"]);
        var target = Assert.Single(json["targets"]!.AsArray())!;
        Assert.Equal((6, 6, 1), (Int(target, "attempts"), Int(target, "failures"), Int(target, "breaker_refusals")));
        Assert.Equal("""{"temporary":5,"dependency":1}""", target["error_categories"]!.ToJsonString());
        Assert.EndsWith("down.sh # (open).", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExecutionMetrics_ExecutionId_TheBreakersItsAttemptsMetWithTheirStateNow()
    {
        await using var memory = await MemoryServer.StartAsync();
        await memory.RunManyAsync("down-check", 5);
        var refused = await memory.RunAsync("down-check", 6);

        var result = await memory.Server.CallAsync("get_execution_metrics", new { execution_id = refused.ExecutionId });
        var json = ToolCalls.Structured(result);

        await memory.Server.AssertMatchesOutputSchemaAsync("get_execution_metrics", json);
        var execution = json["execution"]!;
        Assert.Equal((refused.ExecutionId, "down-check"), (execution["execution_id"]!.GetValue<string>(), execution["playbook_id"]!.GetValue<string>()));
        Assert.Equal("""{"enabled":true,"minimum_calls":5,"failure_ratio":0.6,"window_seconds":120,"open_seconds":30}""", json["breaker_settings"]!.ToJsonString());
        var met = Assert.Single(execution["breakers"]!.AsArray())!;
        Assert.Contains("down.sh", met["target"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("open", 1, 1, 5), (met["state"]!.GetValue<string>(), Int(met, "attempts"), Int(met, "refused"), Int(met, "failures")));
    }

    [Fact]
    public async Task GetExecutionMetrics_ExecutionIdRefusedInWordsASecretMasked_StillCountsTheRefusal()
    {
        // The refusal's stored message reads "circuit *** for ...": the refusal is recorded with the attempt, not read from it.
        await using var memory = await MemoryServer.StartAsync(new Dictionary<string, string> { ["PLAYBOOK_SECRET_WORD"] = "breaker" });
        await memory.RunManyAsync("down-check", 5);
        var refused = await memory.RunAsync("down-check", 6);
        Assert.Contains("circuit *** for '", refused.Error!.Message, StringComparison.Ordinal);

        var json = ToolCalls.Structured(await memory.Server.CallAsync("get_execution_metrics", new { execution_id = refused.ExecutionId }));

        var met = Assert.Single(json["execution"]!["breakers"]!.AsArray())!;
        Assert.Equal((1, 1), (Int(met, "attempts"), Int(met, "refused")));
        Assert.Equal(1, Int(Assert.Single(json["targets"]!.AsArray())!, "breaker_refusals"));
    }

    [Fact]
    public async Task GetExecutionMetrics_UnknownExecutionId_SaysSoAndWhatToCall()
    {
        await using var memory = await MemoryServer.StartAsync();

        var result = await memory.Server.CallAsync("get_execution_metrics", new { execution_id = "nope" });

        Assert.True(result.IsError);
        Assert.Equal("no execution 'nope'; call list_executions to see the recent ones.", ToolCalls.Text(result));
    }

    [Fact]
    public async Task GetExecutionMetrics_Since_RelativeAndIsoCountFromTheirUtcDay()
    {
        await using var memory = await MemoryServer.StartAsync();
        await memory.RunManyAsync("config-check", 1);
        var weekAgo = DateTimeOffset.UtcNow.AddDays(-7).UtcDateTime.Date;

        var relative = (await memory.Server.CallOkAsync("get_execution_metrics", new { since = "7d" })).AsNode();
        var iso = (await memory.Server.CallOkAsync("get_execution_metrics", new { since = "2020-01-01" })).AsNode();
        var tomorrow = await memory.Server.CallAsync("get_execution_metrics", new { since = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) });

        Assert.Equal(weekAgo.ToString("yyyy-MM-dd'T'00:00:00.000'Z'", CultureInfo.InvariantCulture), relative["since"]!.GetValue<string>());
        Assert.Single(relative["playbooks"]!.AsArray());
        Assert.Equal("2020-01-01T00:00:00.000Z", iso["since"]!.GetValue<string>());
        Assert.True(tomorrow.IsError);
        Assert.Contains("is in the future", ToolCalls.Text(tomorrow), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"since":"last week"}""", "since 'last week' is neither an ISO-8601 date/time (2026-11-01 or 2026-11-01T08:00:00Z) nor a duration back from now (7d, 24h, 30m). Call get_execution_metrics again with, for example, since=\"7d\".")]
    [InlineData("""{"playbook_id":"config-chek"}""", "no playbook 'config-chek' in the catalogue or the memory; did you mean 'config-check'? (known ids: config-check, down-check, flaky-restart, fresh-login, login-check). Call get_execution_metrics again with one of them, or without playbook_id for all playbooks.")]
    [InlineData("""{"playbok_id":"x"}""", "unknown argument 'playbok_id': did you mean 'playbook_id'?")]
    public async Task GetExecutionMetrics_BadArguments_ErrorSaysWhatToDo(string arguments, string expected)
    {
        await using var memory = await MemoryServer.StartAsync();

        var message = await memory.Server.CallErrorAsync("get_execution_metrics", arguments);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExecutionMetrics_NoHistory_SummarySaysSo()
    {
        await using var memory = await MemoryServer.StartAsync();

        var result = await memory.Server.CallAsync("get_execution_metrics", new { playbook_id = "fresh-login" });

        Assert.Empty(ToolCalls.Structured(result)["playbooks"]!.AsArray());
        Assert.Equal("No finished runs of fresh-login in the memory (dry runs are not counted). No circuit breaker is open.", ToolCalls.Text(result));
    }

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();
}
