using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// What a POST must be before the SDK reads it: JSON (415 otherwise: also what keeps a browser's cross-origin "simple"
/// text/plain POST out), at most <see cref="HttpServerSettings.MaxRequestBodyBytes"/> long (413, declared or chunked; the
/// connection closes after it), answered within <see cref="HttpServerSettings.RequestTimeout"/> (then its response ends).
/// </summary>
internal sealed partial class RequestBodyRules(HttpServerSettings settings, ILogger<RequestBodyRules> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: the body must be sent as Content-Type: application/json.").ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > settings.MaxRequestBodyBytes)
        {
            await TooLargeAsync(context).ConfigureAwait(false);
            return;
        }

        var aborted = context.RequestAborted;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(settings.RequestTimeout);
        context.RequestAborted = timeout.Token;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            LogTimedOut(logger, settings.RequestTimeout.TotalSeconds);
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>413; the rest of the body is never read, so the connection closes (a pooled client must not reuse it).</summary>
    private Task TooLargeAsync(HttpContext context)
    {
        context.Response.Headers.Connection = "close";
        return HttpErrors.WriteAsync(
            context,
            StatusCodes.Status413PayloadTooLarge,
            $"Payload Too Large: a request body may hold at most {settings.MaxRequestBodyBytes} bytes (MaxRequestBodyBytes).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A POST took longer than {Seconds} s (RequestTimeoutSeconds); its response was ended")]
    private static partial void LogTimedOut(ILogger logger, double seconds);
}
