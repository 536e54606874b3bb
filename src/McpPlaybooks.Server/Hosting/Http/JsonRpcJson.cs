using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>The JSON contract of JSON-RPC messages the HTTP transport reads and writes: the SDK's own.</summary>
internal static class JsonRpcJson
{
    public static JsonTypeInfo<JsonRpcMessage> Message { get; } =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));
}
