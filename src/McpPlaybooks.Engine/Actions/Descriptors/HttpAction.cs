using McpPlaybooks.Engine.Definitions.Templates;
using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class HttpAction
{
    public static IReadOnlyList<string> Methods { get; } = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The opt-out of <c>http</c>, <c>notify</c> and <c>wait_for</c> from the check of values templated into their URL.</summary>
    public static ActionParameter AllowUrlSyntax { get; } = Of(
        "allow_url_syntax",
        ParameterKind.Boolean,
        "let a templated value change the URL's structure ('/' or '..' in the path, '&' in a query value, '?', '#', '@'); refused by default, against URL injection");

    public static ActionDescriptor Descriptor { get; } = new("http", "Sends an HTTP request, with an Idempotency-Key.")
    {
        Parameters =
        [
            Of("method", ParameterKind.String, "the HTTP method; GET when absent") with { AllowedValues = Methods },
            Of("url", ParameterKind.String, "the absolute URL", required: true),
            Of("headers", ParameterKind.StringMap, "request headers"),
            Of("json", ParameterKind.Any, "a body sent as JSON"),
            Of("body", ParameterKind.String, "a body sent as text"),
            Of("expect", ParameterKind.IntegerList, "the statuses that count as success; any 2xx when absent"),
            AllowUrlSyntax,
        ],
        AtMostOneOf = [["json", "body"]],
        Outputs = ["status", "headers", "body", "json"],
        IsIdempotent = static with => Method(with) is "GET" or "HEAD" or "OPTIONS",
        IsDestructive = static with => Method(with) is not ("GET" or "HEAD" or "OPTIONS"),
    };

    /// <summary>The literal method, upper-cased; "?" when it is computed at run time.</summary>
    private static string Method(ObjectTemplate with) =>
        with.Contains("method") ? ActionArguments.LiteralString(with, "method")?.ToUpperInvariant() ?? "?" : "GET";
}
