using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/api/playbooks/{id}?version=</c>: one playbook for its page (<see cref="PlaybookDetail"/>); 404 with a
/// message for an id the catalogue does not know, valid or not, or a version it does not have.
/// </summary>
internal sealed class PlaybookDetailEndpoint(PlaybookDetailReader reader)
{
    private const int MaxVersionLength = 100;

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, version) = Read(context);
        if (version is { Length: > MaxVersionLength })
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad request", $"the version is longer than {MaxVersionLength} characters").ConfigureAwait(false);
            return;
        }

        if (await reader.ReadAsync(id, version, context.RequestAborted).ConfigureAwait(false) is not { } detail)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", PlaybookDetailReader.UnknownMessage(id, version)).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, detail, DashboardJson.Default.PlaybookDetail, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The route's id and the query's version (null when absent or empty).</summary>
    public static (string Id, string? Version) Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var version = context.Request.Query["version"].ToString().Trim();
        return (id, version.Length == 0 ? null : version);
    }
}
