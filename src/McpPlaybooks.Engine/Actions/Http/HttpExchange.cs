using System.Globalization;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>What the HTTP actions share about sending a request and reading its answer.</summary>
internal static class HttpExchange
{
    /// <summary>
    /// Sends with <see cref="HttpCompletionOption.ResponseHeadersRead"/>. A network failure becomes an
    /// <see cref="ActionFailedException"/> holding the original exception; cancellation by the token propagates.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, string shown, string target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            throw NetworkFailure(shown, target, e);
        }
    }

    /// <summary>Reads the body with a bound, wrapping a connection lost mid-body like a failure to send.</summary>
    public static async Task<ResponseBody> ReadBodyAsync(
        HttpResponseMessage response, int maxBytes, SecretMasker masker, string shown, string target, CancellationToken cancellationToken)
    {
        try
        {
            return await ResponseBody.ReadAsync(response.Content, maxBytes, masker, cancellationToken);
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            throw NetworkFailure(shown, target, e);
        }
    }

    public static bool IsNetworkFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is HttpRequestException or IOException or OperationCanceledException;

    public static ActionFailedException NetworkFailure(string shown, string target, Exception exception) =>
        new($"{shown} failed: {exception.Message}", exception) { Target = target };

    /// <summary>The response's headers (and its content's), names lower-cased, repeated values joined with ", ".</summary>
    public static Value Headers(HttpResponseMessage response)
    {
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var key = name.ToLowerInvariant();
            if (!byName.TryGetValue(key, out var list))
            {
                byName[key] = list = [];
                order.Add(key);
            }

            list.AddRange(values);
        }

        return Value.From(order.Select(k => new KeyValuePair<string, Value>(k, Value.From(string.Join(", ", byName[k])))));
    }

    /// <summary>How long the response asks to wait: delta-seconds, or an HTTP date from now; never negative.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>"503 Service Unavailable".</summary>
    public static string StatusText(HttpResponseMessage response)
    {
        var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(response.ReasonPhrase) ? code : $"{code} {response.ReasonPhrase}";
    }
}
