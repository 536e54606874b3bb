using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Resilience;
using Polly.CircuitBreaker;

namespace McpPlaybooks.Engine.Tests.Resilience;

public sealed class ErrorCategorizerTests
{
    private static readonly ErrorPatternDefinition[] NoPatterns = [];

    private static readonly Dictionary<string, Func<Exception>> Cases = new()
    {
        ["explicit category"] = () => new ActionFailedException("assertion failed") { Category = ErrorCategory.Validation },
        ["http 400"] = () => Http(400),
        ["http 401"] = () => Http(401),
        ["http 403"] = () => Http(403),
        ["http 404"] = () => Http(404),
        ["http 408"] = () => Http(408),
        ["http 409"] = () => Http(409),
        ["http 410"] = () => Http(410),
        ["http 418"] = () => Http(418),
        ["http 422"] = () => Http(422),
        ["http 429"] = () => Http(429),
        ["http 500"] = () => Http(500),
        ["http 503"] = () => Http(503),
        ["http 302"] = () => Http(302),
        ["HttpRequestException with status 401"] = () => new HttpRequestException("denied", null, HttpStatusCode.Unauthorized),
        ["exit 124"] = () => Exit(124),
        ["exit 126"] = () => Exit(126),
        ["exit 127"] = () => Exit(127),
        ["exit 137"] = () => Exit(137),
        ["exit 143"] = () => Exit(143),
        ["exit 64"] = () => Exit(64),
        ["exit 65"] = () => Exit(65),
        ["exit 69"] = () => Exit(69),
        ["exit 75"] = () => Exit(75),
        ["exit 77"] = () => Exit(77),
        ["exit 78"] = () => Exit(78),
        ["exit 1"] = () => Exit(1),
        ["exit 1 with stderr"] = () => Stderr("ssh: connect to host db1 port 22: Connection refused"),
        ["exit 1 with timed out on stderr"] = () => Stderr("job 7: operation timed out waiting for the lock"),
        ["exit 1 with connection timed out on stderr"] = () => Stderr("ssh: connect to host db1 port 22: Connection timed out"),
        ["SocketException"] = () => new SocketException((int)SocketError.ConnectionRefused),
        ["HttpRequestException over a socket error"] = () => new HttpRequestException("send failed", new SocketException((int)SocketError.HostUnreachable)),
        ["HttpRequestException"] = () => new HttpRequestException("the response ended prematurely"),
        ["TimeoutException"] = () => new TimeoutException("slow"),
        ["TaskCanceledException over a timeout"] = () => new TaskCanceledException("The request was canceled", new TimeoutException("HttpClient.Timeout")),
        ["OperationCanceledException"] = () => new OperationCanceledException(),
        ["Win32Exception"] = () => new Win32Exception(13, "cannot start"),
        ["UnauthorizedAccessException"] = () => new UnauthorizedAccessException("path"),
        ["FileNotFoundException"] = () => new FileNotFoundException("Could not find file '/x'"),
        ["IOException disk full by message"] = () => new IOException("No space left on device : '/var/x'"),
        ["IOException disk full by errno"] = () => new IOException("write failed", 28),
        ["IOException other"] = () => new IOException("pipe is broken"),
        ["ExpressionEvaluationException"] = () => new ExpressionEvaluationException("cannot compare", 3),
        ["BrokenCircuitException"] = () => new BrokenCircuitException(),
        ["AuthenticationException"] = () => new AuthenticationException("TLS handshake"),
        ["JsonException"] = () => new JsonException("bad json"),
        ["AggregateException"] = () => new AggregateException(new InvalidOperationException("first"), new SocketException((int)SocketError.ConnectionReset)),
        ["ActionFailedException over TimeoutException"] = () => new ActionFailedException("attempt failed", new TimeoutException()),
        ["message connection refused"] = () => new InvalidOperationException("dial tcp 127.0.0.1:5432: Connection refused"),
        ["message could not resolve host"] = () => new InvalidOperationException("curl: (6) Could not resolve host: example.invalid"),
        ["message timed out"] = () => new InvalidOperationException("operation timed out"),
        ["message timeout"] = () => new InvalidOperationException("invalid value for --timeout"),
        ["message deadline exceeded"] = () => new InvalidOperationException("context deadline exceeded"),
        ["message unauthorized"] = () => new InvalidOperationException("401 Unauthorized"),
        ["message token expired"] = () => new InvalidOperationException("the token has expired"),
        ["message permission denied"] = () => new InvalidOperationException("open /etc/shadow: Permission denied"),
        ["message forbidden"] = () => new InvalidOperationException("Forbidden"),
        ["message no space left"] = () => new InvalidOperationException("write: No space left on device"),
        ["message cannot allocate memory"] = () => new InvalidOperationException("fork: Cannot allocate memory"),
        ["message temporarily unavailable"] = () => new InvalidOperationException("Resource temporarily unavailable"),
        ["message rate limit"] = () => new InvalidOperationException("API rate limit exceeded"),
        ["message locked"] = () => new InvalidOperationException("database is locked"),
        ["message command not found"] = () => new InvalidOperationException("bash: systemctl: command not found"),
        ["message usage"] = () => new InvalidOperationException("usage: tool [-h] NAME"),
        ["message unlocked"] = () => new InvalidOperationException("the door is unlocked"),
        ["message nothing known"] = () => new InvalidOperationException("something odd happened"),
    };

    [Theory]
    [InlineData("explicit category", ErrorCategory.Validation)]
    [InlineData("http 400", ErrorCategory.Validation)]
    [InlineData("http 401", ErrorCategory.Authentication)]
    [InlineData("http 403", ErrorCategory.Authorization)]
    [InlineData("http 404", ErrorCategory.Permanent)]
    [InlineData("http 408", ErrorCategory.Timeout)]
    [InlineData("http 409", ErrorCategory.Temporary)]
    [InlineData("http 410", ErrorCategory.Permanent)]
    [InlineData("http 418", ErrorCategory.Permanent)]
    [InlineData("http 422", ErrorCategory.Validation)]
    [InlineData("http 429", ErrorCategory.Temporary)]
    [InlineData("http 500", ErrorCategory.Temporary)]
    [InlineData("http 503", ErrorCategory.Temporary)]
    [InlineData("http 302", ErrorCategory.Unknown)]
    [InlineData("HttpRequestException with status 401", ErrorCategory.Authentication)]
    [InlineData("exit 124", ErrorCategory.Timeout)]
    [InlineData("exit 126", ErrorCategory.Configuration)]
    [InlineData("exit 127", ErrorCategory.Configuration)]
    [InlineData("exit 137", ErrorCategory.Resource)]
    [InlineData("exit 143", ErrorCategory.Temporary)]
    [InlineData("exit 64", ErrorCategory.Validation)]
    [InlineData("exit 65", ErrorCategory.Validation)]
    [InlineData("exit 69", ErrorCategory.Dependency)]
    [InlineData("exit 75", ErrorCategory.Temporary)]
    [InlineData("exit 77", ErrorCategory.Authorization)]
    [InlineData("exit 78", ErrorCategory.Configuration)]
    [InlineData("exit 1", ErrorCategory.Unknown)]
    [InlineData("exit 1 with stderr", ErrorCategory.Network)]
    [InlineData("exit 1 with timed out on stderr", ErrorCategory.Unknown)] // a timeout is a limit that fired, not words
    [InlineData("exit 1 with connection timed out on stderr", ErrorCategory.Network)] // ETIMEDOUT on connect, as a SocketException
    [InlineData("SocketException", ErrorCategory.Network)]
    [InlineData("HttpRequestException over a socket error", ErrorCategory.Network)]
    [InlineData("HttpRequestException", ErrorCategory.Network)]
    [InlineData("TimeoutException", ErrorCategory.Timeout)]
    [InlineData("TaskCanceledException over a timeout", ErrorCategory.Timeout)]
    [InlineData("OperationCanceledException", ErrorCategory.Unknown)]
    [InlineData("Win32Exception", ErrorCategory.Configuration)]
    [InlineData("UnauthorizedAccessException", ErrorCategory.Authorization)]
    [InlineData("FileNotFoundException", ErrorCategory.Configuration)]
    [InlineData("IOException disk full by message", ErrorCategory.Resource)]
    [InlineData("IOException disk full by errno", ErrorCategory.Resource)]
    [InlineData("IOException other", ErrorCategory.Unknown)]
    [InlineData("ExpressionEvaluationException", ErrorCategory.Validation)]
    [InlineData("BrokenCircuitException", ErrorCategory.Dependency)]
    [InlineData("AuthenticationException", ErrorCategory.Network)]
    [InlineData("JsonException", ErrorCategory.Validation)]
    [InlineData("AggregateException", ErrorCategory.Network)]
    [InlineData("ActionFailedException over TimeoutException", ErrorCategory.Timeout)]
    [InlineData("message connection refused", ErrorCategory.Network)]
    [InlineData("message could not resolve host", ErrorCategory.Network)]
    [InlineData("message timed out", ErrorCategory.Unknown)]
    [InlineData("message timeout", ErrorCategory.Unknown)]
    [InlineData("message deadline exceeded", ErrorCategory.Unknown)]
    [InlineData("message unauthorized", ErrorCategory.Authentication)]
    [InlineData("message token expired", ErrorCategory.Authentication)]
    [InlineData("message permission denied", ErrorCategory.Authorization)]
    [InlineData("message forbidden", ErrorCategory.Authorization)]
    [InlineData("message no space left", ErrorCategory.Resource)]
    [InlineData("message cannot allocate memory", ErrorCategory.Resource)]
    [InlineData("message temporarily unavailable", ErrorCategory.Temporary)]
    [InlineData("message rate limit", ErrorCategory.Temporary)]
    [InlineData("message locked", ErrorCategory.Temporary)]
    [InlineData("message command not found", ErrorCategory.Configuration)]
    [InlineData("message usage", ErrorCategory.Configuration)]
    [InlineData("message unlocked", ErrorCategory.Unknown)]
    [InlineData("message nothing known", ErrorCategory.Unknown)]
    public void Categorize_Case_GivesItsCategory(string name, ErrorCategory expected)
    {
        Assert.Equal(expected, ErrorCategorizer.Categorize(Cases[name](), NoPatterns));
    }

    [Fact]
    public void Categorize_EveryCase_IsInTheTheory()
    {
        var covered = typeof(ErrorCategorizerTests).GetMethod(nameof(Categorize_Case_GivesItsCategory))!
            .GetCustomAttributes(typeof(InlineDataAttribute), inherit: false)
            .Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0])
            .ToHashSet();

        Assert.Subset(covered, Cases.Keys.ToHashSet());
    }

    [Fact]
    public void Categorize_PlaybookPatternOnMessage_CaseInsensitive()
    {
        var error = new InvalidOperationException("Lease HELD by node-7");

        Assert.Equal(ErrorCategory.Temporary, ErrorCategorizer.Categorize(error, [new(@"lease held by node-\d+", ErrorCategory.Temporary)]));
    }

    [Fact]
    public void Categorize_PlaybookPatternOnStderr_Matches()
    {
        var error = Stderr("pg_ctl: replica is catching up");

        Assert.Equal(ErrorCategory.Dependency, ErrorCategorizer.Categorize(error, [new("catching up", ErrorCategory.Dependency)]));
    }

    [Fact]
    public void Categorize_SeveralPatternsMatch_FirstWins()
    {
        var error = new InvalidOperationException("quota exceeded for project");
        ErrorPatternDefinition[] patterns = [new("quota", ErrorCategory.Permanent), new("exceeded", ErrorCategory.Temporary)];

        Assert.Equal(ErrorCategory.Permanent, ErrorCategorizer.Categorize(error, patterns));
    }

    [Fact]
    public void Categorize_InvalidOrSlowPattern_DoesNotMatch()
    {
        var error = new InvalidOperationException(new string('a', 40) + "!");
        ErrorPatternDefinition[] patterns = [new("(unclosed", ErrorCategory.Permanent), new(@"^(\w+\s?)*$", ErrorCategory.Permanent)];

        Assert.Equal(ErrorCategory.Unknown, ErrorCategorizer.Categorize(error, patterns));
    }

    [Fact]
    public void Categorize_ExplicitCategoryAndMatchingPattern_ExplicitWins()
    {
        var error = new ActionFailedException("breaker open") { Category = ErrorCategory.Dependency };

        Assert.Equal(ErrorCategory.Dependency, ErrorCategorizer.Categorize(error, [new("breaker", ErrorCategory.Permanent)]));
    }

    [Fact]
    public void Categorize_PatternAndHttpStatus_PatternWins()
    {
        var error = new ActionFailedException("quota exhausted") { HttpStatus = 500 };

        Assert.Equal(ErrorCategory.Resource, ErrorCategorizer.Categorize(error, [new("quota", ErrorCategory.Resource)]));
    }

    [Fact]
    public void Categorize_HttpStatusAndExitCode_StatusWins()
    {
        var error = new ActionFailedException("failed") { HttpStatus = 401, ExitCode = 75 };

        Assert.Equal(ErrorCategory.Authentication, ErrorCategorizer.Categorize(error, NoPatterns));
    }

    [Fact]
    public void Categorize_ExitCodeAndExceptionType_ExitCodeWins()
    {
        var error = new ActionFailedException("failed", new SocketException()) { ExitCode = 77 };

        Assert.Equal(ErrorCategory.Authorization, ErrorCategorizer.Categorize(error, NoPatterns));
    }

    [Fact]
    public void Categorize_ExceptionTypeAndMessage_TypeWins()
    {
        Assert.Equal(ErrorCategory.Timeout, ErrorCategorizer.Categorize(new TimeoutException("permission denied"), NoPatterns));
    }

    [Fact]
    public void Categorize_NullArguments_ReturnsUnknownWithoutThrowing()
    {
        Assert.Equal(ErrorCategory.Unknown, ErrorCategorizer.Categorize(null!, NoPatterns));
        Assert.Equal(ErrorCategory.Timeout, ErrorCategorizer.Categorize(new TimeoutException(), null!));
    }

    private static ActionFailedException Http(int status) => new($"HTTP {status}") { HttpStatus = status };

    private static ActionFailedException Exit(int code) => new($"exit status {code}") { ExitCode = code };

    private static ActionFailedException Stderr(string stderr) => new("exit status 1")
    {
        ExitCode = 1,
        Output = Value.From([new KeyValuePair<string, Value>("stderr", Value.From(stderr))]),
    };
}
