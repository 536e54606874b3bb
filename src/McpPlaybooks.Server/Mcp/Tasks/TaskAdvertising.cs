using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// What the SDK's types cannot say yet (2.4.0 has no task types): an outgoing filter adds <c>capabilities.tasks</c> to the
/// initialize result and <c>execution.taskSupport: optional</c> to the task tools in <c>tools/list</c>.
/// </summary>
internal static class TaskAdvertising
{
    public static McpMessageFilter Create() =>
        next => (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result })
            {
                if (result["capabilities"] is JsonObject capabilities && result.ContainsKey("protocolVersion") && result.ContainsKey("serverInfo"))
                {
                    capabilities["tasks"] = Capability();
                }
                else if (result["tools"] is JsonArray tools)
                {
                    foreach (var tool in tools.OfType<JsonObject>().Where(t => t["name"] is JsonValue name && TaskTools.Names.Contains(name.ToString())))
                    {
                        tool["execution"] = new JsonObject { ["taskSupport"] = "optional" };
                    }
                }
            }

            return next(context, cancellationToken);
        };

    /// <summary>Listing and cancelling tasks, and tasks for <c>tools/call</c>.</summary>
    public static JsonObject Capability() => new()
    {
        ["list"] = new JsonObject(),
        ["cancel"] = new JsonObject(),
        ["requests"] = new JsonObject { ["tools"] = new JsonObject { ["call"] = new JsonObject() } },
    };
}
