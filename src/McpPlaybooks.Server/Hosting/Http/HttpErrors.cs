using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Refusals of the HTTP transport as JSON-RPC error bodies (<c>{"jsonrpc":"2.0","id":null,"error":{"code","message"}}</c>)
/// with the status that says the same: what was refused and what to do instead.
/// </summary>
internal static class HttpErrors
{
    /// <summary>The code the MCP SDKs use for transport refusals (not found, forbidden, too large...).</summary>
    public const int TransportError = -32000;

    /// <summary>Session not found (what the TypeScript SDK answers too).</summary>
    public const int SessionNotFound = -32001;

    public static Task WriteAsync(HttpContext context, int status, string message, int code = TransportError, JsonNode? data = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data } };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, error, JsonRpcJson.Message, context.RequestAborted);
    }

    /// <summary>400 for a protocol version this server cannot speak, listing those it can (so that a client falls back).</summary>
    public static Task UnsupportedVersionAsync(HttpContext context, string requested, IReadOnlyList<string> supported)
    {
        var data = new JsonObject
        {
            ["supported"] = new JsonArray([.. supported.Select(v => JsonValue.Create(v))]),
            ["requested"] = requested,
        };
        return WriteAsync(
            context,
            StatusCodes.Status400BadRequest,
            $"Bad Request: this server does not speak MCP-Protocol-Version '{requested}'; initialize with one of {string.Join(", ", supported)}.",
            (int)McpErrorCode.UnsupportedProtocolVersion,
            data);
    }
}
