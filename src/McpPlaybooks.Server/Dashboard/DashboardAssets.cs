using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The dashboard's CSS, JavaScript and HTML parts, embedded in the assembly (<c>Dashboard/Assets</c>, resource names
/// <c>Dashboard.NAME</c>): no files beside the executable, no CDN, nothing built by Node. Served with an ETag.
/// </summary>
internal static class DashboardAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type, string ETag)> Served = Load(
        ("dashboard.css", "text/css; charset=utf-8"),
        ("executions.js", "text/javascript; charset=utf-8"),
        ("execution.js", "text/javascript; charset=utf-8"),
        ("graph.js", "text/javascript; charset=utf-8"),
        ("ui.js", "text/javascript; charset=utf-8"),
        ("playbooks.js", "text/javascript; charset=utf-8"),
        ("playbook.js", "text/javascript; charset=utf-8"),
        ("insights.js", "text/javascript; charset=utf-8"),
        ("timeline.js", "text/javascript; charset=utf-8"),
        ("step-detail.js", "text/javascript; charset=utf-8"),
        ("live-log.js", "text/javascript; charset=utf-8"),
        ("steps.css", "text/css; charset=utf-8"),
        ("gate.js", "text/javascript; charset=utf-8"),
        ("gate.css", "text/css; charset=utf-8"));

    /// <summary>An embedded text part (such as <c>executions.html</c>), read once.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Dashboard." + name)
            ?? throw new InvalidOperationException($"the dashboard asset {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.GetRouteValue("name") as string ?? "";
        if (!Served.TryGetValue(name, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.ContentType = asset.Type;
        context.Response.ContentLength = asset.Bytes.Length;
        return context.Response.Body.WriteAsync(asset.Bytes, context.RequestAborted).AsTask();
    }

    private static FrozenDictionary<string, (byte[] Bytes, string Type, string ETag)> Load(params (string Name, string Type)[] assets) =>
        assets.ToFrozenDictionary(
            asset => asset.Name,
            asset =>
            {
                using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Dashboard." + asset.Name)
                    ?? throw new InvalidOperationException($"the dashboard asset {asset.Name} is not embedded in the assembly");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                return (bytes, asset.Type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
            },
            StringComparer.Ordinal);
}
