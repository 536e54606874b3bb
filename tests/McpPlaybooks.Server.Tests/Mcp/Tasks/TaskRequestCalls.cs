using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>Raw task requests through a real client (its 2.4.0 API has no task methods): tools/call with params.task, tasks/*.</summary>
internal static class TaskRequestCalls
{
    /// <summary>tools/call with <c>params.task</c>; returns the result's <c>task</c> object.</summary>
    public static async Task<JsonObject> CallAsTaskAsync(this McpClient client, string tool, object arguments, long? ttl = null)
    {
        var task = new JsonObject();
        if (ttl is { } ms)
        {
            task["ttl"] = ms;
        }

        var result = await client.RequestAsync(RequestMethods.ToolsCall, new JsonObject
        {
            ["name"] = tool,
            ["arguments"] = JsonNode.Parse(JsonSerializer.Serialize(arguments)),
            ["task"] = task,
        });
        return result["task"]!.AsObject();
    }

    public static Task<JsonObject> TaskRequestAsync(this McpClient client, string method, string taskId) =>
        client.RequestAsync(method, new JsonObject { ["taskId"] = taskId });

    public static async Task<JsonObject> RequestAsync(this McpClient client, string method, JsonObject? parameters)
    {
        var response = await client.SendRequestAsync(new JsonRpcRequest { Method = method, Params = parameters }, CancellationToken.None);
        return response.Result!.AsObject();
    }

    public static string Str(this JsonObject json, string name) => json[name]!.GetValue<string>();
}
