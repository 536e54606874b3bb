using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>The rendered arguments of <c>wait_for</c>: a URL and status, or a condition; the interval and the timeout.</summary>
internal sealed record WaitForSpec(Uri? Url, int Status, Value? That, TimeSpan Interval, TimeSpan Timeout)
{
    private const string Action = "wait_for";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static WaitForSpec Parse(Value arguments)
    {
        var http = arguments.Argument("http");
        var hasThat = arguments.TryGetProperty("that", out var that);
        if ((http is null) == !hasThat)
        {
            throw ArgumentValues.Invalid("wait_for: give 'http' or 'that', exactly one.");
        }

        Uri? url = null;
        var status = 200;
        if (http is not null)
        {
            if (http.Kind != ValueKind.Object)
            {
                throw ArgumentValues.Invalid("wait_for: 'http' must be a map such as { url: http://host/health, status: 200 }.");
            }

            url = HttpUrls.Parse(http, Action, "url", "http.url");
            status = ArgumentValues.Integer(http.Argument("status"), Action, "http.status", 100, 599, 200);
        }

        return new WaitForSpec(
            url,
            status,
            hasThat ? that : null,
            ArgumentValues.Duration(arguments, Action, "interval", DefaultInterval),
            ArgumentValues.Duration(arguments, Action, "timeout", DefaultTimeout));
    }

    /// <summary>"every 2s … for at most 60s".</summary>
    public string IntervalText => Durations.Format(Interval);

    public string TimeoutText => Durations.Format(Timeout);

    public string StatusText => Status.ToString(CultureInfo.InvariantCulture);
}
