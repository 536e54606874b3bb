using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Cli.Run;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using McpPlaybooks.Server.Tests.Mcp.EndToEnd;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.History;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Web;

/// <summary>
/// <c>serve --http</c> as a real process: a gate's link is in the server's log (never in a tool result or resource),
/// <c>mcp-playbooks approvals</c> prints a link issued for the OS user that decides the gate through the page, and once
/// the server is gone it says that no page is served.
/// </summary>
public sealed partial class ApprovalLinkServeEndToEndTests
{
    [Fact]
    public async Task Serve_GateOpens_LinkInTheLogNotInResultsAndTheCliLinkDecidesAsTheMappedUser()
    {
        using var root = new TempDirectory();
        root.Write("playbooks/linked.yaml", LinkPlaybooks.Open);
        var data = Path.Combine(root.Path, "data");
        var errors = new StandardErrorLines();
        using var process = HttpServeEndToEndTests.Start(["serve", "--http", "127.0.0.1:0", "--data-dir", data, "--playbooks", Path.Combine(root.Path, "playbooks")], errors);
        var mapped = new Dictionary<string, string> { ["MCPPLAYBOOKS_APPROVAL_USERS"] = $"{Environment.UserName}=alice:oncall" };
        try
        {
            var line = await errors.FirstAsync(l => l.StartsWith(HttpServe.ListeningPrefix, StringComparison.Ordinal)).WaitAsync(StdioServerProcess.Timeout);
            var endpoint = new Uri(line[HttpServe.ListeningPrefix.Length..]);
            await using var client = await McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
                new McpClientOptions { ProtocolVersion = McpServerComposition.ProtocolVersion });
            var started = await client.CallOkAsync("execute_playbook", new { playbook_id = "linked", wait_seconds = 30 });
            var id = started.Str("execution_id");
            var logged = await errors.FirstAsync(l => l.Contains($"Approval link for execution {id} step risky", StringComparison.Ordinal)).WaitAsync(StdioServerProcess.Timeout);
            var serverLink = new Uri(LinkIn().Match(logged).Value);
            var token = serverLink.Segments[^1];

            // Nothing the model can read carries the token.
            var seen = new StringBuilder(started.GetRawText());
            seen.Append((await client.CallOkAsync("get_execution", new { execution_id = id })).GetRawText());
            seen.Append((await client.CallOkAsync("list_executions", new { })).GetRawText());
            foreach (var uri in new[] { $"execution://{id}", $"execution://{id}/logs" })
            {
                seen.Append(JsonSerializer.Serialize(await client.ReadResourceAsync(uri), McpJsonUtilities.DefaultOptions));
            }

            Assert.Contains(id, seen.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(token, seen.ToString(), StringComparison.Ordinal);

            // A person at the terminal gets a link of their own, and it decides as them.
            var listed = await RunCli.RunAsync(root.Path, mapped, "approvals", "--data-dir", data);
            var cliLink = new Uri(LinkIn().Match(listed.Out).Value);
            using var http = new HttpClient();
            var serverPage = await ApprovalPageClient.GetAsync(http, serverLink);
            Assert.Equal(HttpStatusCode.OK, serverPage.Status);
            var page = await ApprovalPageClient.GetAsync(http, cliLink);
            Assert.Contains("You decide as</dt><dd>alice (channel link)", page.Html, StringComparison.Ordinal);
            var approved = await ApprovalPageClient.PostAsync(http, cliLink, ApprovalPageClient.Csrf(page.Html), "approve", ApprovalPageClient.OriginOf(cliLink));
            var late = await ApprovalPageClient.PostAsync(http, serverLink, ApprovalPageClient.Csrf(serverPage.Html), "reject", ApprovalPageClient.OriginOf(serverLink));

            Assert.Equal(0, listed.ExitCode);
            Assert.Contains($"or open: {endpoint.GetLeftPart(UriPartial.Authority)}/approve/", listed.Out, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, approved.Status);
            Assert.Equal(HttpStatusCode.Gone, late.Status); // the gate is decided: the server's own link closed with it
            await using var history = await HistoryStore.OpenAsync(Path.Combine(data, "history.db"), TimeProvider.System, null, CancellationToken.None);
            var decision = Assert.Single(await history.GetDecisionsAsync(id, CancellationToken.None));
            Assert.Equal((ApprovalChannel.Link, "alice", "alice"), (decision.Channel, decision.Approver, decision.Person));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Approvals_ServerGone_SaysNoPageIsServedAndPrintsNoLink()
    {
        using var root = new TempDirectory();
        root.Write("playbooks/linked.yaml", LinkPlaybooks.Open);
        var data = Path.Combine(root.Path, "data");
        var errors = new StandardErrorLines();
        using (var process = HttpServeEndToEndTests.Start(["serve", "--http", "127.0.0.1:0", "--data-dir", data, "--playbooks", Path.Combine(root.Path, "playbooks")], errors))
        {
            try
            {
                var line = await errors.FirstAsync(l => l.StartsWith(HttpServe.ListeningPrefix, StringComparison.Ordinal)).WaitAsync(StdioServerProcess.Timeout);
                await using var client = await McpClient.CreateAsync(
                    new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(line[HttpServe.ListeningPrefix.Length..]), TransportMode = HttpTransportMode.StreamableHttp }),
                    new McpClientOptions { ProtocolVersion = McpServerComposition.ProtocolVersion });
                await client.CallOkAsync("execute_playbook", new { playbook_id = "linked", wait_seconds = 30 });
            }
            finally
            {
                process.Kill(entireProcessTree: true); // as a crash: its page's record stays behind
                await process.WaitForExitAsync();
            }
        }

        var listed = await RunCli.RunAsync(root.Path, "approvals", "--data-dir", data);

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("step 'risky'", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("/approve/", listed.Out, StringComparison.Ordinal);
        Assert.Contains("no approval links: no running server serves the approval page for this data directory", listed.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://[^\s""]+/approve/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkIn();
}
