using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Hosting.Metrics;
using McpPlaybooks.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The order every request goes through: the Origin/Host check first (403), then routing and the bearer token (401 on
/// the MCP endpoints when tokens are configured), the body rules (415, 413), legacy messages for no open session (400, 404)
/// and the session caps (503), then the SDK's
/// MCP endpoints (<c>MapMcp</c>: Streamable HTTP at <c>/mcp</c>, legacy SSE at <c>/sse</c> + <c>/message</c>),
/// <c>/metrics</c> (Prometheus; with tokens, any valid token), <c>/healthz</c>, the dashboard (<c>/ui/</c>, behind its own gate) and the
/// probes (<c>/health/live</c>, <c>/health/ready</c>), the approval page (<c>/approve/{token}</c>, without a token: the link is the
/// credential), and 404 for anything else (<c>/.well-known/oauth-protected-resource</c> too: there is no OAuth).
/// </summary>
internal static class HttpPipeline
{
    public static void Configure(WebApplication app, HttpServerSettings http)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(http);
        app.Use(app.Services.GetRequiredService<OriginHostCheck>().InvokeAsync);
        app.Use(LegacySsePaths.Rewrite);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDashboardGate();
        var bodyRules = app.Services.GetRequiredService<RequestBodyRules>();
        var admission = app.Services.GetRequiredService<SessionAdmission>();
        var legacyMessages = app.Services.GetRequiredService<LegacyMessageCheck>();
        app.UseWhen(IsMcp, branch => branch.Use(bodyRules.InvokeAsync).Use(legacyMessages.InvokeAsync).Use(admission.InvokeAsync));
        app.Use(RoutingRefusals.InvokeAsync);

        var mcp = app.MapMcp(HttpRoutes.Mcp).WithMetadata(McpEndpointMarker.Instance);
        if (http.Tokens.Enabled)
        {
            mcp.RequireAuthorization(policy => policy.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser());
        }

        var metrics = app.MapPlaybookMetrics();
        if (http.Tokens.Enabled)
        {
            metrics.RequireAuthorization(policy => policy.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser());
        }

        var health = app.Services.GetRequiredService<HealthEndpoint>();
        app.MapMethods(HttpRoutes.Health, [HttpMethods.Get, HttpMethods.Head], (RequestDelegate)health.GetAsync);
        app.MapDashboard();

        // The approval page: its link is the credential, so no bearer token; the Origin/Host check above still applies.
        app.MapApprovalLinks();
    }

    private static bool IsMcp(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<McpEndpointMarker>() is not null;

    /// <summary>Marks the SDK's MCP endpoints, which the body rules and session caps guard.</summary>
    private sealed class McpEndpointMarker
    {
        public static McpEndpointMarker Instance { get; } = new();
    }
}
