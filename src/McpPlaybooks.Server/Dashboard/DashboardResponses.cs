using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>The JSON refusals of the dashboard's API: <c>{"error": title, "message": what to do}</c> with the status that says the same.</summary>
internal static class DashboardResponses
{
    public static Task ProblemAsync(HttpContext context, int status, string title, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["error"] = title, ["message"] = message };
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
