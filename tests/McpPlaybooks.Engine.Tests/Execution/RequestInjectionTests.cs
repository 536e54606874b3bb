using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Actions.Http;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// CR, LF or NUL in a header, a URL or a method of an <c>http</c>, <c>notify</c> or <c>wait_for</c> step is refused before
/// anything is sent, and so is a value templated into its URL that would change the structure the playbook wrote (a path
/// of its own, a query parameter, a host), which a dry run counts too: a raw TCP listener on 127.0.0.1 shows that no
/// connection was even opened, or what was sent.
/// </summary>
public sealed class RequestInjectionTests
{
    private const string Smuggled = "x HTTP/1.1\r\nHost: evil\r\nX-Injected: yes\r\n\r\nDELETE /smuggled";

    /// <summary>The audit's case: <c>/profile</c> became a fragment, and <c>GET /admin/delete?confirm=yes</c> was sent.</summary>
    private const string AuditStep = "http\n    with: { url: \"http://127.0.0.1:{PORT}/users/{{ inputs.v }}/profile\" }";

    private const string AuditValue = "42/../../admin/delete?confirm=yes#";

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

    public static TheoryData<string, string, string> UrlInjections => new()
    {
        // action and its with: ({PORT} is the listener's, in the value too), the value of inputs.v, what the message must say
        { AuditStep, AuditValue, "lands in the path and holds '/'" },
        { "http\n    with: { url: \"{{ inputs.v }}/api/v1/query?query=up\" }", "http://127.0.0.1:{PORT}/admin?", "lands in the start of the URL and holds '?'" },
        { "http\n    with: { url: \"{{ inputs.v }}/api/v1/query?query=up\" }", "http://127.0.0.1:{PORT}/admin#", "lands in the start of the URL and holds '#'" },
        { "http\n    with: { url: \"http://{{ inputs.v }}:{PORT}/ok\" }", "127.0.0.1/admin?", "lands in the host and holds '/'" },
        { "http\n    with: { url: \"http://127.0.0.1:{{ inputs.v }}/ok\" }", "{PORT}@127.0.0.1:{PORT}", "lands in the host and holds '@'" },
        { "http\n    with: { url: \"http://{{ inputs.v }}:{PORT}/ok\" }", "127.0.0.1:{PORT}#", "lands in the host and holds '#'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}\" }", "..\\admin", "lands in the path and holds '\\'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", "x?admin=1", "lands in the path and holds '?'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", "x#", "lands in the path and holds '#'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", "..", "makes a dot segment" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", ".", "makes a dot segment" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/.{{ inputs.v }}/meta\" }", ".", "makes a dot segment" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", "..;x=1", "makes a dot segment" }, // Tomcat's path parameter
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", "%2e%2E", "holds a percent-encoded" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", "..%2Fadmin", "holds a percent-encoded" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}/meta\" }", "a%5cb", "holds a percent-encoded" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok?{{ inputs.v }}&x=1\" }", "a=1#", "lands in the query and holds '#'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok?q={{ inputs.v }}&x=1\" }", "1&admin=true", "lands in a query parameter's value and holds '&'" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok?q={{ inputs.v }}&x=1\" }", "1#", "lands in a query parameter's value and holds '#'" },
        { "notify\n    with: { webhook: \"http://127.0.0.1:{PORT}/hooks/{{ inputs.v }}\", text: hello }", "../admin", "in 'webhook' lands in the path and holds '/'" },
        { "wait_for\n    with: { http: { url: \"http://127.0.0.1:{PORT}/health/{{ inputs.v }}\" }, timeout: 5s }", "../admin", "in 'http.url' lands in the path and holds '/'" },
    };

    public static TheoryData<string, string, string> StructureKeepingValues => new()
    {
        // action and its with:, the value of inputs.v, what the listener must have received
        { AuditStep, "Zoë Smith", "GET /users/Zo%C3%AB%20Smith/profile HTTP/1.1" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/files/{{ inputs.v }}\" }", "report.v1..txt", "GET /files/report.v1..txt HTTP/1.1" },
        // tls-certificate-expiry's probe: a base URL, and a probe_instance with '/' and ':' in a query value
        { "http\n    with: { url: \"{{ inputs.v }}/api/v1/query?query=probe%7Binstance%3D%22{{ inputs.v }}%22%7D\" }", "http://127.0.0.1:{PORT}/prom", "GET /prom/api/v1/query?query=probe%7Binstance%3D%22http://127.0.0.1:" },
        { "http\n    with: { url: \"http://127.0.0.1:{{ inputs.v }}/ok\" }", "{PORT}", "GET /ok HTTP/1.1" },
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/ok#{{ inputs.v }}\" }", "a/b?c&d#e", "GET /ok HTTP/1.1" },
        // one expression and nothing else: the URL is the value's, and the host allowlist guards it
        { "http\n    with: { url: \"{{ inputs.v }}\" }", "http://127.0.0.1:{PORT}/a/../b?x=1&y=2", "GET /b?x=1&y=2 HTTP/1.1" },
        { "notify\n    with: { webhook: \"http://127.0.0.1:{PORT}/hooks/{{ inputs.v }}\", text: hello }", "T0-B0_x.y~z", "POST /hooks/T0-B0_x.y~z HTTP/1.1" },
        { "wait_for\n    with: { http: { url: \"http://127.0.0.1:{PORT}/health?service={{ inputs.v }}\" }, timeout: 5s }", "api/v2:8080", "GET /health?service=api/v2:8080 HTTP/1.1" },
    };

    public static TheoryData<string, string> UrlSyntaxAllowed => new()
    {
        // action and its with: (opting out), what the listener must have received for the audit's value
        { "http\n    with: { url: \"http://127.0.0.1:{PORT}/users/{{ inputs.v }}/profile\", allow_url_syntax: true }", "GET /admin/delete?confirm=yes HTTP/1.1" },
        { "notify\n    with: { webhook: \"http://127.0.0.1:{PORT}/users/{{ inputs.v }}/profile\", text: hello, allow_url_syntax: true }", "POST /admin/delete?confirm=yes HTTP/1.1" },
        { "wait_for\n    with: { http: { url: \"http://127.0.0.1:{PORT}/users/{{ inputs.v }}/profile\" }, timeout: 5s, allow_url_syntax: true }", "GET /admin/delete?confirm=yes HTTP/1.1" },
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

    [Theory]
    [MemberData(nameof(UrlInjections))]
    public async Task RunAsync_TemplatedValueChangesTheUrl_IsRefusedBeforeAnythingIsSent(string step, string value, string named)
    {
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook(step, listener.Port), Inputs(("v", Value.From(WithPort(value, listener)))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var error = Step(state, "call").Error!;
        Assert.Equal((ErrorCategory.Validation, 1), (error.Category, Step(state, "call").Attempts));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("the value of {{ inputs.v }}", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("allow_url_syntax: true", error.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Received);
    }

    [Fact]
    public async Task RunAsync_TheAuditsCase_IsRefusedByTheDryRunAndTheRunWithoutShowingTheValue()
    {
        // The dry run said it would succeed, and the run sent GET /admin/delete?confirm=yes (the author's /profile became a fragment).
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync();
        var playbook = Playbook(AuditStep, listener.Port);

        var plan = await harness.RunAsync(playbook, Inputs(("v", Value.From(AuditValue))), dryRun: true);
        var state = await harness.RunAsync(playbook, Inputs(("v", Value.From(AuditValue))));

        Assert.Equal(ExecutionStatus.Failed, plan.Status);
        var finding = Assert.Single(plan.WouldFail);
        Assert.StartsWith("step 'call': http: the value of {{ inputs.v }} in 'url' lands in the path and holds '/'", finding, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.Validation, plan.Error!.Category);
        var error = Step(state, "call").Error!.Message;
        Assert.DoesNotContain("admin", plan.Error.Message + finding + error, StringComparison.Ordinal);
        Assert.Empty(listener.Received);
    }

    [Theory]
    [MemberData(nameof(StructureKeepingValues))]
    public async Task RunAsync_ValuesThatKeepTheUrlsStructure_SendOneRequest(string step, string value, string received)
    {
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync();
        var inputs = Inputs(("v", Value.From(WithPort(value, listener))));

        var plan = await harness.RunAsync(Playbook(step, listener.Port), inputs, dryRun: true);
        var state = await harness.RunAsync(Playbook(step, listener.Port), inputs);

        Assert.Equal((ExecutionStatus.Completed, ExecutionStatus.Completed), (plan.Status, state.Status));
        Assert.StartsWith(WithPort(received, listener), Assert.Single(listener.Received), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ASecretTemplatedIntoThePath_IsTheOperatorsAndMayCarryPathSegments()
    {
        // A Slack webhook's path kept as a secret ('T000/B000/XXXX'): set by whoever runs the server, not by a caller.
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync(environment: new System.Collections.Hashtable { ["PLAYBOOK_SECRET_HOOK_PATH"] = "T000/B000/x9Tk2mQ" });

        var state = await harness.RunAsync(Playbook($"notify\n    with: {{ webhook: \"http://127.0.0.1:{{PORT}}/services/{{{{ secrets.HOOK_PATH }}}}\", text: hello }}", listener.Port), Inputs(("v", Value.From(""))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.StartsWith("POST /services/T000/B000/x9Tk2mQ HTTP/1.1", Assert.Single(listener.Received), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UrlSyntaxAllowed))]
    public async Task RunAsync_StepAllowsUrlSyntax_SendsTheStructureTheValueCarries(string step, string received)
    {
        await using var listener = new RawHttpListener();
        await using var harness = await StartAsync();
        var inputs = Inputs(("v", Value.From(AuditValue)));

        var plan = await harness.RunAsync(Playbook(step, listener.Port), inputs, dryRun: true);
        var state = await harness.RunAsync(Playbook(step, listener.Port), inputs);

        Assert.Equal((ExecutionStatus.Completed, ExecutionStatus.Completed), (plan.Status, state.Status));
        Assert.StartsWith(received, Assert.Single(listener.Received), StringComparison.Ordinal);
    }

    private static string WithPort(string text, RawHttpListener listener) =>
        text.Replace("{PORT}", listener.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Playbook(string step, int port) => $$"""
        id: injection
        name: Injection
        version: 1.0.0
        inputs:
          v: { type: string }
        steps:
          - id: call
            action: {{step.Replace("{PORT}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}}
            retry: { max_attempts: 3, delay: 10ms }
        """;
}
