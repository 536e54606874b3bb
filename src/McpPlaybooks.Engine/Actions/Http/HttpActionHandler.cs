using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>
/// The <c>http</c> action: one request per attempt, with an <c>Idempotency-Key</c> that is the same for
/// every attempt of a step's iteration, to hosts the allowlist admits. The client must not follow
/// redirects and must have no timeout of its own: the attempt's token is the limit.
/// </summary>
public sealed class HttpActionHandler(HttpClient client, EngineOptions options, TimeProvider time) : IActionHandler
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public ActionDescriptor Descriptor => HttpAction.Descriptor;

    public string? TargetOf(Value arguments) =>
        HttpUrls.TryParse(arguments, "url") is { } url ? HttpUrls.TargetOf(url) : null;

    public string Describe(Value arguments)
    {
        HttpRequestSpec spec;
        try
        {
            spec = HttpRequestSpec.Parse(arguments);
        }
        catch (ActionFailedException e)
        {
            return $"would fail: {e.Message}";
        }

        var text = new StringBuilder($"would send {spec.Shown}");
        text.Append(spec.Json is not null ? " with a JSON body" : spec.Body is not null ? " with a text body" : "");
        if (spec.Headers.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({ArgumentValues.Count(spec.Headers.Count, "header")}: {string.Join(", ", spec.Headers.Select(h => h.Key))})");
        }

        text.Append(CultureInfo.InvariantCulture, $"; expects {spec.ExpectText}");
        if (!HostAllowlist.Allows(options.HostAllowlist, spec.Url))
        {
            text.Append(CultureInfo.InvariantCulture, $"; the host allowlist would refuse {spec.Url.Host}");
        }

        return text.ToString();
    }

    public ActionFailedException? Refusal(Value arguments, ObjectTemplate with, IExpressionScope scope) => ActionRefusal.Of(() => Checked(arguments, with, scope));

    public async Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var spec = Checked(invocation.Arguments, invocation.With, invocation.Scope);

        using var request = BuildRequest(spec, invocation);
        using var response = await HttpExchange.SendAsync(client, request, spec.Shown, spec.Target, cancellationToken);
        var body = await HttpExchange.ReadBodyAsync(response, options.MaxOutputBytes, invocation.Masker, spec.Shown, spec.Target, cancellationToken);
        var status = (int)response.StatusCode;
        var output = Value.From(
        [
            new KeyValuePair<string, Value>("status", Value.From(status)),
            new("headers", HttpExchange.Headers(response)),
            new("body", Value.From(body.Text)),
            new("json", body.ParseJson(response.Content) ?? Value.Null),
        ]);

        if (!spec.Accepts(status))
        {
            var excerpt = body.Excerpt(invocation.Masker);
            throw new ActionFailedException(
                $"{spec.Shown} answered {HttpExchange.StatusText(response)}; expected {spec.ExpectText}."
                + (excerpt.Length > 0 ? $" Body: {excerpt}" : ""))
            {
                HttpStatus = status,
                RetryAfter = HttpExchange.RetryAfter(response, time),
                Target = spec.Target,
                Output = output,
            };
        }

        return output;
    }

    /// <summary>The key of one step iteration: <c>{execution}:{step}:{iteration or -}</c>, the same for all its attempts.</summary>
    public static string IdempotencyKeyOf(ActionInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var iteration = invocation.Iteration?.ToString(CultureInfo.InvariantCulture) ?? "-";
        return $"{invocation.ExecutionId}:{invocation.StepId}:{iteration}";
    }

    private static HttpRequestMessage BuildRequest(HttpRequestSpec spec, ActionInvocation invocation)
    {
        var request = new HttpRequestMessage(new HttpMethod(spec.Method), spec.Url);
        try
        {
            if (spec.Json is { } json)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json.ToJson()));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            else if (spec.Body is { } body)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "text/plain");
            }

            foreach (var (name, value) in spec.Headers)
            {
                AddHeader(request, name, value, invocation.Log);
            }

            if (!spec.HasHeader(IdempotencyKeyHeader))
            {
                request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, IdempotencyKeyOf(invocation));
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    /// <summary>A request header, or a content header (which replaces the default, such as Content-Type); a content header without a body is dropped with a warning.</summary>
    private static void AddHeader(HttpRequestMessage request, string name, string value, IActionLog log)
    {
        if (request.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        if (request.Content is { } content)
        {
            content.Headers.Remove(name);
            if (content.Headers.TryAddWithoutValidation(name, value))
            {
                return;
            }
        }
        else
        {
            using var probe = new ByteArrayContent([]);
            if (probe.Headers.TryAddWithoutValidation(name, value))
            {
                log.Write(ExecutionLogLevel.Warning, $"http: the header '{name}' describes a body, and the request has none; it was not sent.");
                return;
            }
        }

        throw ArgumentValues.Invalid($"http: '{name}' is not a valid header name.");
    }

    /// <summary>The request these arguments describe, refused when malformed, when a templated value changes the URL's structure, or to a host the allowlist does not name.</summary>
    private HttpRequestSpec Checked(Value arguments, ObjectTemplate with, IExpressionScope scope)
    {
        var spec = HttpRequestSpec.Parse(arguments);
        UrlTemplateCheck.Check(with, with["url"], scope, "http", "url");
        HostAllowlist.Check(options.HostAllowlist, spec.Url, "http");
        return spec;
    }
}
