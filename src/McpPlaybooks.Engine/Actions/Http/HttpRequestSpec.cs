using System.Globalization;
using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>The rendered arguments of <c>http</c>, checked: method, URL, headers, body and expected statuses.</summary>
internal sealed record HttpRequestSpec(
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    Value? Json,
    string? Body,
    IReadOnlyList<int> Expect)
{
    private const string Action = "http";

    /// <summary>Checks the arguments; a wrong one throws a Validation <see cref="ActionFailedException"/>.</summary>
    public static HttpRequestSpec Parse(Value arguments)
    {
        var method = ArgumentValues.OptionalString(arguments, Action, "method") ?? "GET";
        RequestCharacters.CheckLine(Action, "method", method);
        method = method.ToUpperInvariant();
        if (!HttpAction.Methods.Contains(method))
        {
            throw ArgumentValues.Invalid($"http: 'method' must be one of {string.Join(", ", HttpAction.Methods)}; got '{method}'.");
        }

        var url = HttpUrls.Parse(arguments, Action, "url");
        var json = arguments.Argument("json");
        var body = ArgumentValues.OptionalString(arguments, Action, "body");
        if (json is not null && body is not null)
        {
            throw ArgumentValues.Invalid("http: give 'json' or 'body', not both.");
        }

        return new HttpRequestSpec(method, url, ParseHeaders(arguments), json, body, ParseExpect(arguments));
    }

    /// <summary>The breaker key of the URL.</summary>
    public string Target => HttpUrls.TargetOf(Url);

    /// <summary>"POST https://host/path", for messages.</summary>
    public string Shown => $"{Method} {HttpUrls.Display(Url)}";

    public bool Accepts(int status) => Expect.Count == 0 ? status is >= 200 and < 300 : Expect.Contains(status);

    /// <summary>"2xx" or "200, 201".</summary>
    public string ExpectText =>
        Expect.Count == 0 ? "2xx" : string.Join(", ", Expect.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    public bool HasHeader(string name) => Headers.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    private static List<KeyValuePair<string, string>> ParseHeaders(Value arguments)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (arguments.Argument("headers") is not { } value)
        {
            return headers;
        }

        if (value.Kind != ValueKind.Object)
        {
            throw ArgumentValues.Invalid("http: 'headers' must be a map of header names to strings.");
        }

        foreach (var (name, header) in value.AsObject())
        {
            if (header.Kind is ValueKind.List or ValueKind.Object)
            {
                throw ArgumentValues.Invalid($"http: the header '{name}' must be a string.");
            }

            if (header.Kind != ValueKind.Null)
            {
                var text = header.ToDisplayString();
                RequestCharacters.CheckHeader(Action, name, text);
                headers.Add(new(name, text));
            }
        }

        return headers;
    }

    private static List<int> ParseExpect(Value arguments)
    {
        var statuses = new List<int>();
        switch (arguments.Argument("expect"))
        {
            case null:
                break;
            case { Kind: ValueKind.List } list:
                foreach (var item in list.AsList())
                {
                    statuses.Add(ArgumentValues.Integer(item, Action, "expect", 100, 599, 0));
                }

                break;
            case { } single:
                statuses.Add(ArgumentValues.Integer(single, Action, "expect", 100, 599, 0));
                break;
        }

        return statuses;
    }
}
