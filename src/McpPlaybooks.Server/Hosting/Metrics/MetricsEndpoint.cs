using McpPlaybooks.Engine.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using McpPlaybooks.Server.Mcp;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace McpPlaybooks.Server.Hosting.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the engine's meter (<see cref="EngineMetrics"/>) in Prometheus's text format, through
/// OpenTelemetry's Prometheus exporter. docs/http-and-security.md lists every metric.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>OpenTelemetry's metrics pipeline, listening to the engine's meter, with the Prometheus exporter.</summary>
    public static IServiceCollection AddPlaybookMetrics(this IServiceCollection services) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(McpServerComposition.ServerName, serviceVersion: McpServerComposition.ServerVersion))
            .WithMetrics(metrics => metrics.AddMeter(EngineMetrics.MeterName).AddPrometheusExporter())
            .Services;

    /// <summary>Maps <see cref="Path"/>; the caller adds the authorization its listener needs.</summary>
    public static IEndpointConventionBuilder MapPlaybookMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(Path);
}
