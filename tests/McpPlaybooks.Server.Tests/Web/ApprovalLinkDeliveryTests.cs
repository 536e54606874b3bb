using System.Net;
using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;

namespace McpPlaybooks.Server.Tests.Web;

/// <summary>A gate's <c>notify:</c> gets the gate's link when it opens, posted to a real local webhook; the link it carries works.</summary>
public sealed class ApprovalLinkDeliveryTests
{
    [Fact]
    public async Task GateWithNotify_Opens_PostsAWorkingLinkToTheWebhook()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["notified.yaml"] = LinkPlaybooks.Notified(webhook.Address) });
        var client = await server.ConnectAsync();

        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "notified", wait_seconds = 30 });
        var body = await webhook.Bodies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        using var json = JsonDocument.Parse(body);
        var text = json.RootElement.GetProperty("text").GetString()!;
        var id = state.Str("execution_id");
        Assert.Equal((id, "restart"), (json.RootElement.GetProperty("execution_id").GetString(), json.RootElement.GetProperty("step_id").GetString()));
        var prefix = $"Approve restart of notified? {server.Host.BaseAddress}approve/";
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        var link = new Uri(text["Approve restart of notified? ".Length..]);
        Assert.DoesNotContain(link.Segments[^1], JsonSerializer.Serialize(state), StringComparison.Ordinal);

        var csrf = ApprovalPageClient.Csrf((await ApprovalPageClient.GetAsync(server.Raw, link)).Html);
        var approved = await ApprovalPageClient.PostAsync(server.Raw, link, csrf, "approve", ApprovalPageClient.OriginOf(link));
        var done = await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(ApprovalChannel.Link, Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None)).Channel);
    }
}
