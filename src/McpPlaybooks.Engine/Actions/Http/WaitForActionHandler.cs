using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>
/// The <c>wait_for</c> action: polls at once and then every interval, until a URL answers a status or
/// an expression holds, for at most its own timeout (distinct from the attempt's limit, which the
/// token carries). A refused connection or another status is "not yet"; an expression that cannot
/// be evaluated fails at once.
/// </summary>
public sealed class WaitForActionHandler(HttpClient client, EngineOptions options, TimeProvider time) : IActionHandler
{
    private const string Action = "wait_for";

    public ActionDescriptor Descriptor => WaitForAction.Descriptor;

    public string? TargetOf(Value arguments) =>
        arguments.Argument("http") is { } http && HttpUrls.TryParse(http, "url") is { } url ? HttpUrls.TargetOf(url) : null;

    public string Describe(Value arguments)
    {
        WaitForSpec spec;
        try
        {
            spec = WaitForSpec.Parse(arguments);
        }
        catch (ActionFailedException e)
        {
            return $"would fail: {e.Message}";
        }

        if (spec.Url is { } url)
        {
            var refused = HostAllowlist.Allows(options.HostAllowlist, url) ? "" : $"; the host allowlist would refuse {url.Host}";
            return $"would poll {HttpUrls.Display(url)} every {spec.IntervalText} until it answers {spec.StatusText}, for at most {spec.TimeoutText}{refused}";
        }

        // The rendered arguments hold the condition's current value, not its text, unless the caller passes the text.
        var condition = spec.That is { Kind: ValueKind.String } text
            ? text.AsString()
            : $"its condition holds (it is {(spec.That?.IsTruthy == true ? "true" : "false")} now)";
        return $"would wait until {condition}, checking every {spec.IntervalText} for at most {spec.TimeoutText}";
    }

    public ActionFailedException? Refusal(Value arguments, ObjectTemplate with, IExpressionScope scope) => ActionRefusal.Of(() => Checked(arguments, with, scope));

    public async Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var spec = Checked(invocation.Arguments, invocation.With, invocation.Scope);

        using var deadline = invocation.Deadline(spec.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var attempts = 0;
        string? last = null;
        try
        {
            while (true)
            {
                attempts++;
                var (done, observed) = spec.Url is { } pollUrl
                    ? await PollAsync(pollUrl, spec.Status, linked.Token)
                    : (Holds(invocation, spec), null);
                if (done)
                {
                    return Value.From([new KeyValuePair<string, Value>("attempts", Value.From(attempts))]);
                }

                last = observed;
                await Task.Delay(spec.Interval, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw TimedOut(spec, invocation, attempts, last);
        }
    }

    /// <summary>One GET: done when it answers the status; otherwise what it answered, or why it did not.</summary>
    private async Task<(bool Done, string Observed)> PollAsync(Uri url, int status, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ((int)response.StatusCode == status, HttpExchange.StatusText(response));
        }
        catch (Exception e) when (HttpExchange.IsNetworkFailure(e, cancellationToken))
        {
            return (false, e.Message);
        }
    }

    /// <summary>Evaluates <c>that</c> again, against the scope as it is now; a failure to evaluate is a Validation failure.</summary>
    private static bool Holds(ActionInvocation invocation, WaitForSpec spec)
    {
        if (invocation.With["that"] is not { } template)
        {
            return spec.That?.IsTruthy == true;
        }

        try
        {
            return template.Render(invocation.Scope).IsTruthy;
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ActionFailedException($"wait_for: '{ConditionText(invocation, spec)}' could not be evaluated: {e.Detail}", e)
            {
                Category = ErrorCategory.Validation,
            };
        }
    }

    private static ActionFailedException TimedOut(WaitForSpec spec, ActionInvocation invocation, int attempts, string? last)
    {
        var count = ArgumentValues.Count(attempts, "attempt");
        var message = spec.Url is { } url
            ? $"wait_for: {HttpUrls.Display(url)} did not answer {spec.StatusText} within {spec.TimeoutText} ({count}; last: {last ?? "no answer"})"
            : $"wait_for: '{ConditionText(invocation, spec)}' was still false after {spec.TimeoutText} ({count})";
        return new ActionFailedException(message)
        {
            Category = ErrorCategory.Timeout,
            Target = spec.Url is { } target ? HttpUrls.TargetOf(target) : null,
            Output = Value.From([new KeyValuePair<string, Value>("attempts", Value.From(attempts))]),
        };
    }

    /// <summary>The condition as written, when the playbook's <c>with:</c> is at hand.</summary>
    private static string ConditionText(ActionInvocation invocation, WaitForSpec spec) => invocation.With["that"] switch
    {
        ExpressionTemplate expression => expression.Expression.Text,
        { Node: ScalarNode scalar } => scalar.Text,
        _ => spec.That?.ToDisplayString() ?? "that",
    };

    /// <summary>What to wait for, refused when malformed, when a templated value changes the URL's structure, or when it would ask a host the allowlist does not name.</summary>
    private WaitForSpec Checked(Value arguments, ObjectTemplate with, IExpressionScope scope)
    {
        var spec = WaitForSpec.Parse(arguments);
        if (spec.Url is { } url)
        {
            UrlTemplateCheck.Check(with, (with["http"] as ObjectTemplate)?["url"], scope, Action, "http.url");
            HostAllowlist.Check(options.HostAllowlist, url, Action);
        }

        return spec;
    }
}
