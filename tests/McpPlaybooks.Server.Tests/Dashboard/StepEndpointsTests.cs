using System.Net;
using System.Text.Json;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Dashboard.Steps;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// The one-execution page's data over real HTTP: a step's details (masked, bounded, 404 for an unknown step), the timeline's
/// attempts and waits, the log by cursor, and a loop's counts; a viewer may read them all.
/// </summary>
public sealed class StepEndpointsTests
{
    [Fact]
    public async Task StepDetail_SecretInTheOutput_NeverReachesThePagesJson()
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["echo-secret.yaml"] = StepPlaybooks.EchoSecret });
        var id = await RunAsync(server, "echo-secret", new { token = StepPlaybooks.Secret });
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var say = await GetAsync(browser, $"/ui/api/executions/{id}/steps/say");
        var note = await GetAsync(browser, $"/ui/api/executions/{id}/steps/note");
        var everything = string.Join("\n", await Task.WhenAll(
            TextAsync(browser, $"/ui/api/executions/{id}"),
            TextAsync(browser, $"/ui/api/executions/{id}/timeline"),
            TextAsync(browser, $"/ui/api/executions/{id}/logs"),
            TextAsync(browser, $"/ui/api/executions/{id}/logs?after=0"),
            TextAsync(browser, $"/ui/api/executions/{id}/steps/say"),
            TextAsync(browser, $"/ui/api/executions/{id}/steps/long"),
            TextAsync(browser, $"/ui/api/executions/{id}/steps/note"),
            TextAsync(browser, $"/ui/executions/{id}")));

        Assert.Equal("completed", say.Str("status"));
        Assert.Equal("shell", say.Str("action"));
        Assert.Contains("the token is ***", say.GetProperty("output").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("completed", note.Str("status"));
        Assert.DoesNotContain(StepPlaybooks.Secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepDetail_LongOutput_BoundedAsTheToolsBoundIt()
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["echo-secret.yaml"] = StepPlaybooks.EchoSecret });
        var id = await RunAsync(server, "echo-secret", new { token = StepPlaybooks.Secret });
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var stdout = (await GetAsync(browser, $"/ui/api/executions/{id}/steps/long")).GetProperty("output").GetProperty("stdout").GetString()!;

        Assert.StartsWith(new string('x', OutputBounds.HeadChars), stdout, StringComparison.Ordinal);
        Assert.EndsWith(new string('x', OutputBounds.TailChars), stdout, StringComparison.Ordinal);
        Assert.Contains("characters omitted here", stdout, StringComparison.Ordinal);
        Assert.True(stdout.Length < 10_000 / 2, $"the output has {stdout.Length} characters");
    }

    [Theory]
    [InlineData("steps/nothing-here", "has no step 'nothing-here'. Its steps are: say, long, note.")]
    [InlineData("timeline", null)]
    [InlineData("logs", null)]
    [InlineData("steps/say", null)]
    public async Task Endpoints_UnknownStepOrExecution_404WithAMessage(string path, string? expected)
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["echo-secret.yaml"] = StepPlaybooks.EchoSecret });
        var id = await RunAsync(server, "echo-secret", new { token = StepPlaybooks.Secret });
        using var browser = await ExecutionListTests.SignedInAsync(server);

        // A path that names a step is asked of a real execution; the others of an id the history does not have.
        var execution = expected is null ? "exec-unknown" : id;
        using var response = await browser.Http.GetAsync($"/ui/api/executions/{execution}/{path}");
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Str("message");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected ?? "No execution 'exec-unknown' in this server's history.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_ViewerLoggedIn_ReadsThem_NoSessionIsRefused()
    {
        await using var server = await HttpTestServer.StartAsync(
            new Dictionary<string, string> { ["echo-secret.yaml"] = StepPlaybooks.EchoSecret },
            http => http with { Tokens = HttpTestServer.WithTokens });
        var mcp = await server.ConnectAsync(token: HttpTestServer.AliceToken);
        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "echo-secret", inputs = new { token = StepPlaybooks.Secret }, wait_seconds = 30 })).Str("execution_id");
        using var bob = new DashboardClient(server.Host.BaseAddress);
        (await bob.LogInAsync(HttpTestServer.BobToken)).Dispose();
        using var stranger = new DashboardClient(server.Host.BaseAddress);

        string[] paths = [$"/ui/api/executions/{id}/steps/say", $"/ui/api/executions/{id}/timeline", $"/ui/api/executions/{id}/logs"];
        foreach (var path in paths)
        {
            using var viewer = await bob.Http.GetAsync(path);
            using var nobody = await stranger.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        }
    }

    [Fact]
    public async Task Timeline_StepThatRetried_OneAttemptEachAndABackoffBetween()
    {
        using var scripts = new TempDirectory();
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["flaky.yaml"] = StepPlaybooks.Flaky(Path.Combine(scripts.Path, "count")) });
        var id = await RunAsync(server, "flaky");
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var timeline = await GetAsync(browser, $"/ui/api/executions/{id}/timeline");
        var step = await GetAsync(browser, $"/ui/api/executions/{id}/steps/restart");

        var attempts = timeline.GetProperty("attempts").EnumerateArray().Where(a => a.Str("step_id") == "restart").ToList();
        Assert.Equal([(1, "failed"), (2, "failed"), (3, "completed")], attempts.Select(a => (a.GetProperty("attempt").GetInt32(), a.Str("status"))));
        Assert.Equal(["temporary", "temporary"], attempts.Take(2).Select(a => a.Str("error_category")));
        var backoffs = timeline.GetProperty("waits").EnumerateArray().Where(w => w.Str("kind") == "backoff").ToList();
        Assert.Equal([2, 3], backoffs.Select(w => w.GetProperty("attempt").GetInt32()));
        Assert.All(backoffs, w => Assert.Equal("restart", w.Str("step_id")));
        Assert.Equal(["temporary", "temporary"], step.GetProperty("attempts").EnumerateArray().Take(2).Select(a => a.Str("error_category")));
        Assert.Contains("temporary glitch", step.GetProperty("attempts")[0].Str("error_message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_GateWaiting_AnOpenApprovalWaitOnItsStep()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var id = await RunAsync(server, "gated");
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var timeline = await GetAsync(browser, $"/ui/api/executions/{id}/timeline");
        var risky = await GetAsync(browser, $"/ui/api/executions/{id}/steps/risky");

        var wait = Assert.Single(timeline.GetProperty("waits").EnumerateArray());
        Assert.Equal(("approval", "risky"), (wait.Str("kind"), wait.Str("step_id")));
        Assert.False(wait.TryGetProperty("ended_at", out _));
        Assert.False(timeline.TryGetProperty("ended_at", out _));
        Assert.Equal("waiting_approval", risky.Str("status"));
        Assert.False(risky.TryGetProperty("output", out _));
    }

    [Fact]
    public async Task Timeline_PausedThenResumed_APausedWaitOnTheExecution()
    {
        using var scripts = new TempDirectory();
        var marker = Path.Combine(scripts.Path, "release");
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["waiting.yaml"] = StepPlaybooks.Waiting(marker) });
        var mcp = await server.ConnectAsync();
        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "waiting" })).Str("execution_id");
        await mcp.CallOkAsync("control_execution", new { execution_id = id, action = "pause" });
        await mcp.CallOkAsync("control_execution", new { execution_id = id, action = "resume" });
        await File.WriteAllTextAsync(marker, "go");
        await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var timeline = await GetAsync(browser, $"/ui/api/executions/{id}/timeline");

        var paused = Assert.Single(timeline.GetProperty("waits").EnumerateArray());
        Assert.Equal("paused", paused.Str("kind"));
        Assert.False(paused.TryGetProperty("step_id", out _));
        Assert.True(paused.TryGetProperty("ended_at", out _));
    }

    [Fact]
    public async Task Logs_TailThenAfterTheCursor_OnlyNewLines()
    {
        using var scripts = new TempDirectory();
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["flaky.yaml"] = StepPlaybooks.Flaky(Path.Combine(scripts.Path, "count")) });
        var first = await RunAsync(server, "flaky");
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var tail = await GetAsync(browser, $"/ui/api/executions/{first}/logs");
        var cursor = tail.GetProperty("cursor").GetInt64();
        var after = await GetAsync(browser, $"/ui/api/executions/{first}/logs?after={cursor}");
        var fromStart = await GetAsync(browser, $"/ui/api/executions/{first}/logs?after=0");
        using var bad = await browser.Http.GetAsync($"/ui/api/executions/{first}/logs?after=-1");

        var lines = tail.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(lines.Count, tail.GetProperty("total").GetInt64());
        Assert.Contains(lines, line => line.Str("message") == "restarted after retries" && line.Str("step_id") == "after");
        Assert.Equal(lines[^1].GetProperty("id").GetInt64(), cursor);
        Assert.Empty(after.GetProperty("entries").EnumerateArray());
        Assert.Equal(cursor, after.GetProperty("cursor").GetInt64());
        Assert.Equal(lines.Select(l => l.GetProperty("id").GetInt64()), fromStart.GetProperty("entries").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Loop_OneIterationFailed_CountsOnItsNodeAndIterationsInItsDetails()
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["loop.yaml"] = StepPlaybooks.Loop });
        var id = await RunAsync(server, "loop");
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var node = (await GetAsync(browser, $"/ui/api/executions/{id}")).GetProperty("steps")[0];
        var detail = await GetAsync(browser, $"/ui/api/executions/{id}/steps/each");

        Assert.Equal("failed", node.Str("status"));
        Assert.Equal("2 ok · 1 failed · 2 not run", node.GetProperty("iterations").Str("label"));
        Assert.Equal(5, node.GetProperty("iterations").GetProperty("total").GetInt32());
        Assert.Equal("2 ok · 1 failed · 2 not run", detail.GetProperty("iteration_counts").Str("label"));
        var iterations = detail.GetProperty("iterations").EnumerateArray().ToList();
        Assert.Equal([(0, "completed"), (1, "completed"), (2, "failed")], iterations.Select(i => (i.GetProperty("index").GetInt32(), i.Str("status"))));
        Assert.Contains("c is broken", iterations[2].GetProperty("error").Str("message"), StringComparison.Ordinal);
        Assert.Equal("failed", detail.Str("status"));
        Assert.NotNull(detail.GetProperty("error").Str("category"));
    }

    private static async Task<string> RunAsync(HttpTestServer server, string playbook, object? inputs = null)
    {
        var mcp = await server.ConnectAsync();
        return (await mcp.CallOkAsync("execute_playbook", new { playbook_id = playbook, inputs = inputs ?? new { }, wait_seconds = 30 })).Str("execution_id");
    }

    private static async Task<string> TextAsync(DashboardClient browser, string path)
    {
        using var response = await browser.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> GetAsync(DashboardClient browser, string path) =>
        JsonDocument.Parse(await TextAsync(browser, path)).RootElement.Clone();
}
