using System.Net;
using System.Text.Json;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// The gate panel's and step controls' test bench: playbooks with gates of each kind, a tokens file of four people (each
/// with other roles), and helpers to start an execution, log in, read the page data and post decisions and step controls.
/// </summary>
internal static class GateDashboard
{
    /// <summary>Operator and approver.</summary>
    public const string Alice = "alice-token-0123456789abcdef";

    /// <summary>Viewer only.</summary>
    public const string Bob = "bob-token-0123456789abcdef";

    /// <summary>Operator only.</summary>
    public const string Olga = "olga-token-0123456789abcdef";

    /// <summary>Approver, with the gate role oncall.</summary>
    public const string Dana = "dana-token-0123456789abcdef";

    public static AccessTokens Tokens { get; } = new(
    [
        (Digest(Alice), new HttpCaller("alice", ["operator", "approver"])),
        (Digest(Bob), new HttpCaller("bob", ["viewer"])),
        (Digest(Olga), new HttpCaller("olga", ["operator"])),
        (Digest(Dana), new HttpCaller("dana", ["approver", "oncall"])),
    ]);

    /// <summary>Only dana (by name) may decide.</summary>
    public const string Named = """
        id: named
        name: Named
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Only dana decides", approvers: [dana] }
            action: log
            with: { message: done }
        """;

    /// <summary>Anyone but whoever started it.</summary>
    public const string Separate = """
        id: separate
        name: Separate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Someone else decides", separate_approver: true }
            action: log
            with: { message: done }
        """;

    /// <summary>Two different approvers, of the role oncall or alice.</summary>
    public const string Quorum = """
        id: quorum
        name: Quorum
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Two people decide", approvers: [oncall, alice], min_approvals: 2 }
            action: log
            with: { message: done }
        """;

    /// <summary>A gate whose message renders an input chosen by whoever started it.</summary>
    public const string Templated = """
        id: templated
        name: Templated
        version: 1.0.0
        inputs:
          service: { type: string, default: "checkout. Checked: safe, approve" }
        steps:
          - id: risky
            approval: { message: "Restart {{ inputs.service }}?" }
            action: log
            with: { message: done }
        """;

    public static IReadOnlyDictionary<string, string> Playbooks() => new Dictionary<string, string>
    {
        ["templated.yaml"] = Templated,
        ["gated.yaml"] = Gated,
        ["named.yaml"] = Named,
        ["separate.yaml"] = Separate,
        ["quorum.yaml"] = Quorum,
        ["flaky.yaml"] = Flaky,
    };

    public static Task<HttpTestServer> StartWithTokensAsync() => HttpTestServer.StartAsync(Playbooks(), http => http with { Tokens = Tokens });

    /// <summary>Starts <paramref name="playbook"/> over MCP (as <paramref name="token"/>'s holder, or unauthenticated) and waits until it parks.</summary>
    public static async Task<string> StartAsync(HttpTestServer server, string playbook, string? token = null, object? inputs = null)
    {
        var mcp = await server.ConnectAsync(token: token);
        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = playbook, inputs = inputs ?? new { } })).Str("execution_id");
        await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        return id;
    }

    /// <summary>A browser logged in with <paramref name="token"/> that has opened the execution's page (for its CSRF token).</summary>
    public static async Task<DashboardClient> OpenAsync(HttpTestServer server, string? token, string id)
    {
        var browser = new DashboardClient(server.Host.BaseAddress);
        if (token is null)
        {
            (await browser.Http.GetAsync(server.Host.DashboardAddress)).Dispose();
        }
        else
        {
            (await browser.LogInAsync(token)).Dispose();
        }

        var (status, _) = await browser.PageAsync("/ui/executions/" + id);
        Assert.Equal(HttpStatusCode.OK, status);
        return browser;
    }

    public static async Task<JsonElement> DetailAsync(DashboardClient browser, string id)
    {
        using var response = await browser.Http.GetAsync("/ui/api/executions/" + id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Posts a decision with the page's CSRF token (or <paramref name="csrf"/>: "" for none); <paramref name="gate"/> as the page would send it, read from the page data unless given.</summary>
    public static async Task<HttpResponseMessage> DecideAsync(DashboardClient browser, string id, string step, string decision, string? comment = null, string? csrf = null, string? gate = null)
    {
        var fields = new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment ?? "" };
        if (gate is not null)
        {
            fields["gate"] = gate;
        }

        return await PostAsync(browser, $"/ui/api/executions/{id}/steps/{step}/decision", fields, csrf);
    }

    public static Task<HttpResponseMessage> StepControlAsync(DashboardClient browser, string id, string step, string action, string? csrf = null) =>
        PostAsync(browser, $"/ui/api/executions/{id}/steps/{step}/control", new Dictionary<string, string> { ["action"] = action }, csrf);

    public static async Task<string> MessageOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;

    private static Task<HttpResponseMessage> PostAsync(DashboardClient browser, string path, Dictionary<string, string> fields, string? csrf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        var token = csrf ?? browser.Csrf;
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Add(DashboardCsrf.Header, token);
        }

        return browser.Http.SendAsync(request);
    }

    private static byte[] Digest(string token) => Convert.FromHexString(AccessTokens.Digest(token));
}
