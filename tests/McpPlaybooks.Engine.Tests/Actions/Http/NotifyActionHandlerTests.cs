using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Http;
using McpPlaybooks.Engine.Definitions;
using static McpPlaybooks.Engine.Tests.Actions.Http.Invocations;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

[Collection(HttpServerCollection.Name)]
public sealed class NotifyActionHandlerTests(HttpServerFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TestHttpServer _server = fixture.Server;

    // This test's own webhook: the server is shared with the other classes of the collection, and a body one of them
    // posted to /webhook (HttpExecutionTests' finally notify) used to be read here as this test's.
    private readonly string _key = Guid.NewGuid().ToString("n");

    [Fact]
    public async Task RunAsync_Slack_PostsOnlyTheText()
    {
        var output = await Handler().RunAsync(
            Of(Args($$"""{"webhook": "{{Webhook()}}", "text": "nginx restarted on web-1"}"""), "tell"),
            CancellationToken.None);

        Assert.Equal(200, output.AsObject()["status"].AsNumber());
        Assert.Equal("""{"text":"nginx restarted on web-1"}""", await NextWebhook());
    }

    [Fact]
    public async Task RunAsync_Generic_AddsTheExecutionAndTheStep()
    {
        await Handler().RunAsync(
            Of(Args($$"""{"webhook": "{{Webhook()}}", "text": "done", "format": "generic"}"""), "tell"),
            CancellationToken.None);

        Assert.Equal("""{"text":"done","execution_id":"exec-1","step_id":"tell"}""", await NextWebhook());
    }

    [Fact]
    public async Task RunAsync_WebhookAnswers503_CarriesStatusAndRetryAfterButNotThePath()
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => Handler().RunAsync(
            Of(Args($$"""{"webhook": "{{_server.Url("/retry-after/3")}}", "text": "hi"}""")),
            CancellationToken.None));

        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
        Assert.Equal("notify: 127.0.0.1 answered 503 Service Unavailable; expected 2xx. Body: busy", failure.Message);
        Assert.Equal(503, failure.Output.AsObject()["status"].AsNumber());
    }

    [Fact]
    public async Task RunAsync_HostNotInAllowlist_RefusesWithoutPosting()
    {
        var handler = new NotifyActionHandler(fixture.Client, Options(["hooks.slack.com"]));
        var before = _server.Webhooks.Count;

        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => handler.RunAsync(
            Of(Args($$"""{"webhook": "{{_server.Url("/webhook")}}", "text": "hi"}""")),
            CancellationToken.None));

        Assert.Equal(ErrorCategory.Authorization, failure.Category);
        Assert.DoesNotContain("/webhook", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Webhooks.Count);
    }

    [Fact]
    public async Task RunAsync_ClosedPort_FailsWithTheHttpRequestExceptionInside()
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => Handler().RunAsync(
            Of(Args($$"""{"webhook": "http://127.0.0.1:{{ClosedPort()}}/services/T0/B0/secret", "text": "hi"}""")),
            CancellationToken.None));

        Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Webhook_ShowsTheHostButNeitherPathNorQuery()
    {
        var description = Handler().Describe(Args("""
            {"webhook": "https://hooks.slack.com/services/T000/B000/XXXX?token=abc", "text": "deploy finished"}
            """));

        Assert.Equal("would post a slack message to hooks.slack.com: deploy finished", description);
    }

    [Fact]
    public void Describe_LongText_IsCutTo200Characters()
    {
        var text = new string('x', 500);

        var description = Handler().Describe(Args($$"""{"webhook": "https://hooks.example/h", "text": "{{text}}", "format": "generic"}"""));

        Assert.Equal($"would post a generic message to hooks.example: {new string('x', 200)}…", description);
    }

    [Fact]
    public void TargetOf_Webhook_IsSchemeHostAndPort() =>
        Assert.Equal("https://hooks.slack.com:443", Handler().TargetOf(Args("""{"webhook": "https://hooks.slack.com/services/T/B/X"}""")));

    private NotifyActionHandler Handler() => new(fixture.Client, Options());

    private string Webhook() => _server.Url($"/webhook/{_key}");

    private async Task<string> NextWebhook() => await _server.NextWebhookAsync(_key, CancellationToken.None).AsTask().WaitAsync(Patience);
}
