using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Actions.Http;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// CR, LF or NUL in a header, a URL or a method of an <c>http</c>, <c>notify</c> or <c>wait_for</c> step is refused before
/// anything is sent: a raw TCP listener on 127.0.0.1 shows that no connection was even opened.
/// </summary>
public sealed class RequestInjectionTests
{
    private const string Smuggled = "x HTTP/1.1\r\nHost: evil\r\nX-Injected: yes\r\n\r\nDELETE /smuggled";

    public static TheoryData<string, string, string> Injections => new()
    {
        // action and its with: ({PORT} is the listener's), the value of inputs.v, what the message must name
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok\", headers: { X-Trace: \"{{ inputs.v }}\" } }", "a\r\nX-Injected: yes", "X-Trace" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok\", headers: { X-Trace: \"{{ inputs.v }}\" } }", "a\nGET /smuggled HTTP/1.1", "X-Trace" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok\", headers: { X-Trace: \"{{ inputs.v }}\" } }", "a\0b", "X-Trace" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok\", headers: { \"X-A\\r\\nX-Injected\": \"{{ inputs.v }}\" } }", "yes", "'X-A\\r\\nX-Injected'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok\", headers: { \"X-A\\0\": \"{{ inputs.v }}\" } }", "yes", "'X-A\\0'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/{{ inputs.v }}\" }", Smuggled, "'url'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/a{{ inputs.v }}\" }", "\0", "'url'" },
        { "http\n    with: { method: \"{{ inputs.v }}\", url: \"http://127.0.0.1:{PORT}/ok\" }", "GET / HTTP/1.1\r\nHost: evil\r\n\r\nDELETE", "'method'" },
        { "notify\n    with: { webhook: \"http://127.0.0.1:{PORT}/{{ inputs.v }}\", text: hello }", Smuggled, "'webhook'" },
        { "wait_for\n    with: { http: { url: \"http://127.0.0.1:{PORT}/{{ inputs.v }}\" }, timeout: 5s }", Smuggled, "'http.url'" },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task RunAsync_ControlCharacterInRequest_IsRefusedBeforeAnythingIsSent(string step, string value, string named)
    {
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook(step, listener.Port), Inputs(("v", Value.From(value))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var error = Step(state, "call").Error!;
        Assert.Equal(ErrorCategory.Validation, error.Category);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("CR, LF", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Step(state, "call").Attempts);
        Assert.Empty(listener.Received);
    }

    [Theory]
    [InlineData("X-Trace", "café", "outside ASCII")]
    [InlineData("X-Trace", "a\u007fb", "control character")]
    [InlineData("X Trace", "plain", "not a valid header name")]
    public async Task RunAsync_AHeaderHttpCannotCarry_IsAValidationFailureNotANetworkOne(string name, string value, string named)
    {
        // The client refused it only when sending, as a network failure: retried, and held against the host's circuit
        // breaker, so that a healthy host was reported unhealthy to every other execution.
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync();
        var step = $"http\n    with: {{ url: \"http://127.0.0.1:{{PORT}}/ok\", headers: {{ \"{name}\": \"{{{{ inputs.v }}}}\" }} }}";

        var plan = await harness.RunAsync(Playbook(step, listener.Port), Inputs(("v", Value.From(value))), dryRun: true);
        var state = await harness.RunAsync(Playbook(step, listener.Port), Inputs(("v", Value.From(value))));

        Assert.Equal(ExecutionStatus.Failed, plan.Status);
        var error = Step(state, "call").Error!;
        Assert.Equal((ErrorCategory.Validation, 1), (error.Category, Step(state, "call").Attempts));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Received);
    }

    [Theory]
    [InlineData("http\n    with: { url: \"http://127.0.0.1:{PORT}/ok\", headers: { X-Trace: \"{{ inputs.v }}\" } }")]
    [InlineData("notify\n    with: { webhook: \"http://127.0.0.1:{PORT}/ok\", text: \"{{ inputs.v }}\" }")]
    [InlineData("wait_for\n    with: { http: { url: \"http://127.0.0.1:{PORT}/ok?v={{ inputs.v }}\" }, timeout: 5s }")]
    public async Task RunAsync_PlainValues_SendOneRequest(string step)
    {
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook(step, listener.Port), Inputs(("v", Value.From("plain-value"))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        var request = Assert.Single(listener.Received);
        Assert.Contains("plain-value", request, StringComparison.Ordinal);
    }

    private static string Playbook(string step, int port) => $$"""
        id: injection
        name: Injection
        version: 1.0.0
        inputs:
          v: { type: string }
        steps:
          - id: call
            action: {{step.Replace("{PORT}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}}
            retry: { max_attempts: 3, delay: 10ms }
        """;
}
