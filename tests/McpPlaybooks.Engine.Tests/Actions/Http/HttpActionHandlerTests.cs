using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Http;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Actions.Http.Invocations;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

[Collection(HttpServerCollection.Name)]
public sealed class HttpActionHandlerTests(HttpServerFixture fixture)
{
    private readonly TestHttpServer _server = fixture.Server;

    [Fact]
    public async Task RunAsync_JsonResponse_ParsesBodyIntoJson()
    {
        var output = await Handler().RunAsync(Of(Args($$"""{"url": "{{_server.Url("/ok")}}"}""")), CancellationToken.None);

        Assert.Equal(200, output.AsObject()["status"].AsNumber());
        Assert.Equal("""{"ok":true}""", output.AsObject()["body"].AsString());
        Assert.True(output.AsObject()["json"].AsObject()["ok"].AsBoolean());
        Assert.StartsWith("application/json", output.AsObject()["headers"].AsObject()["content-type"].AsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StatusInExpect_Succeeds()
    {
        var output = await Handler().RunAsync(Of(Args($$"""{"url": "{{_server.Url("/status/404")}}", "expect": [200, 404]}""")), CancellationToken.None);

        Assert.Equal(404, output.AsObject()["status"].AsNumber());
        Assert.Equal("status 404", output.AsObject()["body"].AsString());
        Assert.Equal(ValueKind.Null, output.AsObject()["json"].Kind);
    }

    [Fact]
    public async Task RunAsync_UnexpectedStatus_FailsWithStatusTargetOutputAndBody()
    {
        var url = _server.Url("/status/500");

        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => Handler().RunAsync(Of(Args($$"""{"url": "{{url}}"}""")), CancellationToken.None));

        Assert.Equal(500, failure.HttpStatus);
        Assert.Null(failure.RetryAfter);
        Assert.Null(failure.Category);
        Assert.Equal(new Uri(url).GetLeftPart(UriPartial.Authority), failure.Target);
        Assert.Equal($"GET {url} answered 500 Internal Server Error; expected 2xx. Body: status 500", failure.Message);
        Assert.Equal(500, failure.Output.AsObject()["status"].AsNumber());
    }

    [Fact]
    public async Task RunAsync_RetryAfterSeconds_CarriesStatusAndRetryAfter()
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Handler().RunAsync(Of(Args($$"""{"url": "{{_server.Url("/retry-after/7")}}"}""")), CancellationToken.None));

        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(-30, 0)]
    public async Task RunAsync_RetryAfterDate_IsMeasuredFromTheClock(int secondsFromNow, int expectedSeconds)
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var at = now.AddSeconds(secondsFromNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var handler = new HttpActionHandler(fixture.Client, Options(), new FixedClock(now));

        var failure = await Assert.ThrowsAsync<ActionFailedException>(() =>
            handler.RunAsync(Of(Args($$"""{"url": "{{_server.Url("/retry-after-at/" + at)}}"}""")), CancellationToken.None));

        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), failure.RetryAfter);
    }

    [Fact]
    public async Task RunAsync_Unauthorized_CarriesStatus401()
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Handler().RunAsync(Of(Args($$"""{"url": "{{_server.Url("/unauthorized")}}"}""")), CancellationToken.None));

        Assert.Equal(401, failure.HttpStatus);
        Assert.Equal("bearer", failure.Output.AsObject()["headers"].AsObject()["www-authenticate"].AsString().ToLowerInvariant());
    }

    [Fact]
    public async Task RunAsync_IdempotencyKey_SameForEveryAttemptOfAnIterationAndDifferentForAnother()
    {
        var args = Args($$"""{"method": "post", "url": "{{_server.Url("/echo")}}"}""");

        var first = await SentHeader(Of(args, "deploy", iteration: 0, attempt: 1), "idempotency-key");
        var retry = await SentHeader(Of(args, "deploy", iteration: 0, attempt: 2), "idempotency-key");
        var next = await SentHeader(Of(args, "deploy", iteration: 1, attempt: 1), "idempotency-key");
        var outsideLoop = await SentHeader(Of(args, "deploy"), "idempotency-key");

        Assert.Equal("exec-1:deploy:0", first);
        Assert.Equal(first, retry);
        Assert.Equal("exec-1:deploy:1", next);
        Assert.Equal("exec-1:deploy:-", outsideLoop);
    }

    [Fact]
    public async Task RunAsync_IdempotencyKeyGivenByThePlaybook_IsKept()
    {
        var args = Args($$"""{"url": "{{_server.Url("/echo")}}", "headers": {"idempotency-key": "mine"} }""");

        Assert.Equal("mine", await SentHeader(Of(args), "idempotency-key"));
    }

    [Fact]
    public async Task RunAsync_HeadersAndJsonBody_ArriveAsWritten()
    {
        var args = Args($$"""
            {"method": "put", "url": "{{_server.Url("/echo?dry=1")}}", "headers": {"X-Trace": "abc-123", "Authorization": "Bearer t0k"},
             "json": {"service": "nginx", "replicas": 3, "tags": ["a", true, null]} }
            """);

        var echo = (await Handler().RunAsync(Of(args), CancellationToken.None)).AsObject()["json"].AsObject();

        Assert.Equal("PUT", echo["method"].AsString());
        Assert.Equal("?dry=1", echo["query"].AsString());
        Assert.Equal("abc-123", echo["headers"].AsObject()["x-trace"].AsString());
        Assert.Equal("Bearer t0k", echo["headers"].AsObject()["authorization"].AsString());
        Assert.Equal("application/json", echo["headers"].AsObject()["content-type"].AsString());
        Assert.Equal("""{"service":"nginx","replicas":3,"tags":["a",true,null]}""", echo["body"].AsString());
    }

    [Theory]
    [InlineData("{}", "text/plain; charset=utf-8")]
    [InlineData("""{"Content-Type": "application/x-ndjson"}""", "application/x-ndjson")]
    public async Task RunAsync_TextBody_IsTextPlainUnlessAContentTypeIsGiven(string headers, string expectedContentType)
    {
        var args = Args($$"""{"method": "POST", "url": "{{_server.Url("/echo")}}", "headers": {{headers}}, "body": "line one\nline two"}""");

        var echo = (await Handler().RunAsync(Of(args), CancellationToken.None)).AsObject()["json"].AsObject();

        Assert.Equal(expectedContentType, echo["headers"].AsObject()["content-type"].AsString());
        Assert.Equal("line one\nline two", echo["body"].AsString());
    }

    [Fact]
    public async Task RunAsync_ContentTypeWithoutABody_IsDroppedWithAWarning()
    {
        var log = new RecordingActionLog();
        var args = Args($$"""{"url": "{{_server.Url("/echo")}}", "headers": {"Content-Type": "application/json"} }""");

        var echo = (await Handler().RunAsync(Of(args, log: log), CancellationToken.None)).AsObject()["json"].AsObject();

        Assert.False(echo["headers"].AsObject().ContainsKey("content-type"));
        Assert.Contains(log.Lines, l => l.Message.Contains("Content-Type", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_HostNotInAllowlist_RefusesWithoutSending()
    {
        var key = Guid.NewGuid().ToString("N");
        var handler = new HttpActionHandler(fixture.Client, Options(["api.example.com", "*.internal.example"]), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ActionFailedException>(() =>
            handler.RunAsync(Of(Args($$"""{"url": "{{_server.Url($"/flaky/{key}/0")}}"}""")), CancellationToken.None));

        Assert.Equal(ErrorCategory.Authorization, failure.Category);
        Assert.Contains("'127.0.0.1'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("api.example.com, *.internal.example", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Calls(key));
    }

    [Fact]
    public async Task RunAsync_BodyOverTheBound_IsTruncatedWithItsTrueSizeAndNotParsed()
    {
        var handler = new HttpActionHandler(fixture.Client, Options(maxOutputBytes: 1000), TimeProvider.System);

        var big = await handler.RunAsync(Of(Args($$"""{"url": "{{_server.Url("/big/200000")}}"}""")), CancellationToken.None);
        var small = await handler.RunAsync(Of(Args($$"""{"url": "{{_server.Url("/big/1000")}}"}""")), CancellationToken.None);

        var body = big.AsObject()["body"].AsString();
        Assert.Equal("\"" + new string('a', 999) + "…[cut at 1,000 of 200,000 bytes; only the head is kept]", body);
        Assert.Equal(ValueKind.Null, big.AsObject()["json"].Kind);
        Assert.Equal(new string('a', 998), small.AsObject()["json"].AsString());
    }

    [Fact]
    public async Task RunAsync_ClosedPort_FailsWithTheHttpRequestExceptionInside()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/anything";

        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => Handler().RunAsync(Of(Args($$"""{"url": "{{url}}"}""")), CancellationToken.None));

        Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.StartsWith($"GET {url} failed: ", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.HttpStatus);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringASlowResponse_ThrowsOperationCanceledPromptly()
    {
        using var cancellation = new CancellationTokenSource();
        var stopwatch = Stopwatch.StartNew();
        var running = Handler().RunAsync(Of(Args($$"""{"url": "{{_server.Url("/slow/60000")}}"}""")), cancellation.Token);

        await _server.NextSlowRequestAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("/relative/path")]
    [InlineData("not a url")]
    public async Task RunAsync_UrlNotAbsoluteHttp_FailsValidation(string url)
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => Handler().RunAsync(Of(Args($$"""{"url": "{{url}}"}""")), CancellationToken.None));

        Assert.Equal(ErrorCategory.Validation, failure.Category);
    }

    [Fact]
    public void Describe_Request_NamesHeadersButNeverTheirValues()
    {
        var args = Args("""
            {"method": "post", "url": "https://api.example.com/v1/items?token=s3cret", "json": {"a": 1},
             "headers": {"Authorization": "Bearer s3cret", "X-Trace": "abc", "Accept": "application/json"}, "expect": [200, 201]}
            """);

        var description = Handler().Describe(args);

        Assert.Equal("would send POST https://api.example.com/v1/items?… with a JSON body (3 headers: Authorization, X-Trace, Accept); expects 200, 201", description);
        Assert.DoesNotContain("s3cret", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_HostNotAllowed_SaysSo()
    {
        var handler = new HttpActionHandler(fixture.Client, Options(["api.example.com"]), TimeProvider.System);

        Assert.Equal(
            "would send GET http://other.example/x; expects 2xx; the host allowlist would refuse other.example",
            handler.Describe(Args("""{"url": "http://other.example/x"}""")));
    }

    [Theory]
    [InlineData("https://API.example.com/x", "https://api.example.com:443")]
    [InlineData("http://127.0.0.1:8080/health", "http://127.0.0.1:8080")]
    [InlineData("http://host/", "http://host:80")]
    public void TargetOf_Url_IsSchemeHostAndPort(string url, string expected) =>
        Assert.Equal(expected, Handler().TargetOf(Args($$"""{"url": "{{url}}"}""")));

    [Fact]
    public void TargetOf_NoUrl_IsNull() => Assert.Null(Handler().TargetOf(Args("{}")));

    private HttpActionHandler Handler() => new(fixture.Client, Options(), TimeProvider.System);

    private async Task<string> SentHeader(ActionInvocation invocation, string name)
    {
        var output = await Handler().RunAsync(invocation, CancellationToken.None);
        return output.AsObject()["json"].AsObject()["headers"].AsObject()[name].AsString();
    }
}
