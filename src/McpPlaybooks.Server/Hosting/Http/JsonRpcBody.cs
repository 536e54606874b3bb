using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Reads the one JSON-RPC message of a POST body, at most <see cref="HttpServerSettings.MaxRequestBodyBytes"/> long
/// (413 above it), and hands the request's caller (from its token) to the MCP server as the message's user.
/// </summary>
internal static class JsonRpcBody
{
    /// <summary>The message, or null once a refusal is written (415 not JSON, 413 too large, 400 not one JSON-RPC message).</summary>
    public static async Task<JsonRpcMessage?> ReadAsync(HttpContext context, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsJson(context.Request.ContentType))
        {
            // Also what keeps a cross-origin "simple" POST (text/plain, no preflight) from a browser out.
            await HttpErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: the body must be sent as Content-Type: application/json.").ConfigureAwait(false);
            return null;
        }

        if (context.Request.ContentLength > maxBytes)
        {
            await TooLargeAsync(context, maxBytes).ConfigureAwait(false);
            return null;
        }

        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(context.Request.Body, JsonRpcJson.Message, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLargeAsync(context, maxBytes).ConfigureAwait(false);
            return null;
        }
        catch (JsonException e)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"Bad Request: the body is not one JSON-RPC message: {e.Message}", (int)McpErrorCode.ParseError).ConfigureAwait(false);
            return null;
        }

        if (message is null)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: the body holds no JSON-RPC message.", (int)McpErrorCode.InvalidRequest).ConfigureAwait(false);
            return null;
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            message.Context ??= new JsonRpcMessageContext();
            message.Context.User = context.User;
        }

        return message;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// 413, and the connection closes after it: the rest of the body is never read, so a client must not send its next
    /// request on this connection (without <c>Connection: close</c>, a pooled client may, and sees the response end).
    /// </summary>
    private static Task TooLargeAsync(HttpContext context, long maxBytes)
    {
        context.Response.Headers.Connection = "close";
        return HttpErrors.WriteAsync(
            context,
            StatusCodes.Status413PayloadTooLarge,
            $"Payload Too Large: a request body may hold at most {maxBytes} bytes (MaxRequestBodyBytes).");
    }
}
