using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>The protocol generations over HTTP, as a request's <c>MCP-Protocol-Version</c> header tells them apart.</summary>
internal static class HttpProtocolVersions
{
    /// <summary>The first revision without sessions or <c>initialize</c> (served statelessly, one server per request).</summary>
    public const string Sessionless = "2026-07-28";

    /// <summary>Whether the request rides 2026-07-28 or later: no session, no place taken.</summary>
    public static bool IsSessionless(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var version = context.Request.Headers[McpHeaderNames.ProtocolVersion].ToString();
        return version.Length > 0 && string.CompareOrdinal(version, Sessionless) >= 0;
    }
}
