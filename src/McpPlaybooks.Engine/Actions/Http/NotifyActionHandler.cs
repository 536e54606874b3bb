using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>
/// The <c>notify</c> action: posts a message to a webhook, as Slack expects it (<c>{"text"}</c>) or in a
/// generic shape that adds the execution and step. The webhook's path and query are treated as a
/// secret: no message or description shows more than its host.
/// </summary>
public sealed class NotifyActionHandler(HttpClient client, EngineOptions options, TimeProvider? time = null) : IActionHandler
{
    private const string Action = "notify";
    private const int MaxDescribedText = 200;
    private const int MaxBodyRead = 4 * 1024;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ActionDescriptor Descriptor => NotifyAction.Descriptor;

    public string? TargetOf(Value arguments) =>
        HttpUrls.TryParse(arguments, "webhook") is { } url ? HttpUrls.TargetOf(url) : null;

    public string Describe(Value arguments) => Describe(arguments, SecretMasker.None);

    public string Describe(Value arguments, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(masker);
        try
        {
            var url = HttpUrls.Parse(arguments, Action, "webhook");
            var text = ArgumentValues.RequiredString(arguments, Action, "text");
            var format = Format(arguments);
            var cut = text.Length <= MaxDescribedText ? text : masker.Head(text, MaxDescribedText) + "…";
            var refused = HostAllowlist.Allows(options.HostAllowlist, url) ? "" : " (the host allowlist would refuse it)";
            return $"would post a {format} message to {url.Host}{refused}: {cut}";
        }
        catch (ActionFailedException e)
        {
            return $"would fail: {e.Message}";
        }
    }

    public ActionFailedException? Refusal(Value arguments, ObjectTemplate with, IExpressionScope scope) => ActionRefusal.Of(() => Checked(arguments, with, scope));

    public async Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (url, text, format) = Checked(invocation.Arguments, invocation.With, invocation.Scope);

        var shown = $"notify: the post to {url.Host}";
        var target = HttpUrls.TargetOf(url);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(Payload(format, text, invocation));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await HttpExchange.SendAsync(client, request, shown, target, cancellationToken);
        var status = (int)response.StatusCode;
        var output = Value.From([new KeyValuePair<string, Value>("status", Value.From(status))]);
        if (status is < 200 or >= 300)
        {
            var body = await HttpExchange.ReadBodyAsync(response, Math.Min(MaxBodyRead, options.MaxOutputBytes), invocation.Masker, shown, target, cancellationToken);
            var excerpt = body.Excerpt(invocation.Masker);
            throw new ActionFailedException(
                $"notify: {url.Host} answered {HttpExchange.StatusText(response)}; expected 2xx." + (excerpt.Length > 0 ? $" Body: {excerpt}" : ""))
            {
                HttpStatus = status,
                RetryAfter = HttpExchange.RetryAfter(response, _time),
                Target = target,
                Output = output,
            };
        }

        return output;
    }

    private static string Format(Value arguments)
    {
        var format = ArgumentValues.OptionalString(arguments, Action, "format") ?? "slack";
        return format is "slack" or "generic"
            ? format
            : throw ArgumentValues.Invalid($"notify: 'format' must be slack or generic; got '{format}'.");
    }

    /// <summary><c>{"text"}</c> for Slack; <c>{"text", "execution_id", "step_id"}</c> for a generic webhook.</summary>
    private static byte[] Payload(string format, string text, ActionInvocation invocation)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            if (format == "generic")
            {
                writer.WriteString("execution_id", invocation.ExecutionId);
                writer.WriteString("step_id", invocation.StepId);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The webhook, text and format of these arguments, refused when one is missing, when a templated value changes the webhook's structure, or when the allowlist does not name the host.</summary>
    private (Uri Url, string Text, string Format) Checked(Value arguments, ObjectTemplate with, IExpressionScope scope)
    {
        var url = HttpUrls.Parse(arguments, Action, "webhook");
        UrlTemplateCheck.Check(with, with["webhook"], scope, Action, "webhook");
        var text = ArgumentValues.RequiredString(arguments, Action, "text");
        var format = Format(arguments);
        HostAllowlist.Check(options.HostAllowlist, url, Action);
        return (url, text, format);
    }
}
