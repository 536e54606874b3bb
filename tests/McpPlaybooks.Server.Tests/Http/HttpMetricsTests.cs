using System.Net;
using System.Net.Http.Headers;
using McpPlaybooks.Server.Tests.Mcp;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary><c>/metrics</c> on the real HTTP listener: the engine's meter in Prometheus's text format, behind the same checks as /mcp.</summary>
public sealed class HttpMetricsTests
{
    [Fact]
    public async Task Metrics_AfterARun_CountsItsStartAndAttempts_AndHasTheGateAndWriteMetrics()
    {
        var id = "metered-" + Guid.NewGuid().ToString("n")[..8];
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string>
        {
            [id + ".yaml"] = $$"""
                id: {{id}}
                name: Metered
                version: 1.0.0
                steps:
                  - id: ok
                    action: shell
                    with: { command: [/bin/true] }
                  - id: risky
                    needs: [ok]
                    approval: { message: "Go?", approvers: [assistant] }
                    action: shell
                    with: { command: [/bin/true] }
                """,
        });
        var client = await server.ConnectAsync();
        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = id, wait_seconds = 30 });
        Assert.Equal("waiting_approval", state.Str("status"));

        using var response = await server.Raw.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal("1", Value(Line(text, "mcpplaybooks_executions_started_total{", $"playbook=\"{id}\"")));
        Assert.Contains("mcpplaybooks_step_attempts_total{", text, StringComparison.Ordinal);
        Assert.Contains("action=\"shell\"", text, StringComparison.Ordinal);
        // Its value is EngineMetricsTests' to check: tests run several engines in this process, and a gauge of the same name
        // from another test's engine may be the one exported here (a server process has one engine).
        Assert.Matches(@"(?m)^mcpplaybooks_gates_waiting(\{[^}]*\})? [0-9]", text);
        Assert.Contains("mcpplaybooks_history_write_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithTokens_NeedsOne_AndAForeignHostIsRefused()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });

        using var anonymous = await server.Raw.GetAsync("/metrics");
        using var viewer = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        viewer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HttpTestServer.BobToken);
        using var viewed = await server.Raw.SendAsync(viewer);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        foreign.Headers.Host = "evil.example";
        foreign.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HttpTestServer.BobToken);
        using var refused = await server.Raw.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>The sample's value: what follows the labels (a timestamp may follow it).</summary>
    private static string Value(string line) => line[(line.LastIndexOf('}') + 2)..].Split(' ')[0];

    /// <summary>The first line of the exposition that starts with <paramref name="prefix"/> and contains <paramref name="label"/>.</summary>
    private static string Line(string text, string prefix, string label) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line {prefix}…{label}… in:\n{text}");
}
