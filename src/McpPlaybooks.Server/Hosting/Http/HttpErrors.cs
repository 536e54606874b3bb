using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Our refusals in front of the SDK's transport as JSON-RPC error bodies (<c>{"jsonrpc":"2.0","id":null,"error":{...}}</c>),
/// as the SDK writes its own, with the status that says the same: what was refused and what to do instead.
/// </summary>
internal static class HttpErrors
{
    /// <summary>The code the MCP SDKs use for transport refusals (not found, forbidden, too large...).</summary>
    public const int TransportError = -32000;

    private static readonly JsonTypeInfo<JsonRpcMessage> Message =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = TransportError, Message = message } };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, error, Message, context.RequestAborted);
    }
}
