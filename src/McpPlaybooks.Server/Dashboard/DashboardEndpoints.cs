using McpPlaybooks.Server.Dashboard.Steps;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The dashboard on a <see cref="WebApplication"/>, whichever listener serves it (<c>serve --http</c>'s, or the loopback
/// one of <c>serve</c> on stdio): its services, its gate (after routing) and its endpoints, all plain
/// <see cref="RequestDelegate"/>s (no reflection, for Native AOT), plus the probes.
/// </summary>
internal static class DashboardEndpoints
{
    /// <param name="services">The listener's services.</param>
    /// <param name="tokens">Who may log in (<see cref="AccessTokens.None"/>: the start-up link).</param>
    /// <param name="limits">How many sessions, and feeds per session, are kept.</param>
    /// <param name="time">The clock of the sessions' idle time and lifetime.</param>
    public static IServiceCollection AddDashboard(this IServiceCollection services, AccessTokens tokens, DashboardSessionLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        services.TryAddSingleton(tokens);
        services.AddSingleton(new DashboardAccess(tokens, Environment.UserName));
        services.TryAddSingleton(_ => new RefusalLogThrottle(time));
        services.AddSingleton(_ => new DashboardSessions(time, limits));
        services.AddSingleton<DashboardCsrf>();
        services.AddSingleton(provider => new DashboardGate(
            provider.GetRequiredService<DashboardAccess>(),
            provider.GetRequiredService<DashboardSessions>(),
            provider.GetRequiredService<DashboardCsrf>(),
            provider.GetService<ApprovalPageAddress>(),
            provider.GetRequiredService<RefusalLogThrottle>(),
            provider.GetRequiredService<ILogger<DashboardGate>>()));
        services.AddSingleton<ExecutionFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<ExecutionFeed>());
        services.AddSingleton<ExecutionsPage>();
        services.AddSingleton<LoginPage>();
        services.AddSingleton<ExecutionListEndpoint>();
        services.AddSingleton<ExecutionEventsEndpoint>();
        services.AddSingleton<ExecutionDetailEndpoint>();
        services.AddSingleton<ExecutionControlEndpoint>();
        services.AddSingleton(provider => new DashboardDeciders(
            provider.GetRequiredService<DashboardAccess>(),
            provider.GetService<ApprovalSettings>() ?? provider.GetService<ServerSettings>()?.Approvals ?? new ApprovalSettings()));
        services.AddSingleton<ExecutionActionsReader>();
        services.AddSingleton<GateDecisionEndpoint>();
        services.AddSingleton<StepControlEndpoint>();
        services.AddSingleton<ExecutionPage>();
        services.AddSingleton<ExecutionTimelineEndpoint>();
        services.AddSingleton<StepDetailEndpoint>();
        services.AddSingleton<ExecutionLogEndpoint>();
        services.AddSingleton<ProbeEndpoints>();
        services.AddSingleton<PlaybookDetailReader>();
        services.AddSingleton<PlaybookListEndpoint>();
        services.AddSingleton<PlaybookDetailEndpoint>();
        services.AddSingleton<PlaybooksPage>();
        services.AddSingleton<PlaybookPage>();
        services.AddSingleton<InsightsEndpoint>();
        services.AddSingleton<InsightsPage>();
        return services;
    }

    /// <summary>The gate; call after <c>UseRouting</c> (it reads the endpoint's <see cref="DashboardRule"/>).</summary>
    public static void UseDashboardGate(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(app.Services.GetRequiredService<DashboardGate>().InvokeAsync);
    }

    public static void MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var page = new DashboardRule(ServerRoles.Viewer, IsPage: true);
        var api = new DashboardRule(ServerRoles.Viewer, IsPage: false);
        string[] read = [HttpMethods.Get, HttpMethods.Head];

        app.MapMethods("/", read, Redirect(DashboardRoutes.Home));
        app.MapMethods(DashboardRoutes.Home, read, (RequestDelegate)services.GetRequiredService<ExecutionsPage>().GetAsync).WithMetadata(page);
        var login = services.GetRequiredService<LoginPage>();
        app.MapGet(DashboardRoutes.Login, (RequestDelegate)login.GetAsync).WithMetadata(page with { Open = true });
        app.MapPost(DashboardRoutes.Login, (RequestDelegate)login.PostAsync).WithMetadata(page with { Open = true, ChangesState = true });
        app.MapPost(DashboardRoutes.Logout, (RequestDelegate)login.LogoutAsync).WithMetadata(page with { Open = true, ChangesState = true });
        app.MapMethods(DashboardRoutes.Assets, read, (RequestDelegate)DashboardAssets.GetAsync);
        app.MapGet(DashboardRoutes.Executions, (RequestDelegate)services.GetRequiredService<ExecutionListEndpoint>().GetAsync).WithMetadata(api);
        app.MapMethods(DashboardRoutes.Execution, read, (RequestDelegate)services.GetRequiredService<ExecutionPage>().GetAsync).WithMetadata(page);
        app.MapGet(DashboardRoutes.ExecutionData, (RequestDelegate)services.GetRequiredService<ExecutionDetailEndpoint>().GetAsync).WithMetadata(api);
        app.MapGet(DashboardRoutes.ExecutionTimeline, (RequestDelegate)services.GetRequiredService<ExecutionTimelineEndpoint>().GetAsync).WithMetadata(api);
        app.MapGet(DashboardRoutes.ExecutionStep, (RequestDelegate)services.GetRequiredService<StepDetailEndpoint>().GetAsync).WithMetadata(api);
        app.MapGet(DashboardRoutes.ExecutionLogs, (RequestDelegate)services.GetRequiredService<ExecutionLogEndpoint>().GetAsync).WithMetadata(api);
        app.MapPost(DashboardRoutes.ExecutionControl, (RequestDelegate)services.GetRequiredService<ExecutionControlEndpoint>().PostAsync)
            .WithMetadata(api with { Role = ServerRoles.Operator, ChangesState = true });
        app.MapPost(StepControlEndpoint.Route, (RequestDelegate)services.GetRequiredService<StepControlEndpoint>().PostAsync)
            .WithMetadata(api with { Role = ServerRoles.Operator, ChangesState = true });
        app.MapPost(GateDecisionEndpoint.Route, (RequestDelegate)services.GetRequiredService<GateDecisionEndpoint>().PostAsync)
            .WithMetadata(api with { Role = ServerRoles.Approver, ChangesState = true });
        app.MapGet(DashboardRoutes.Events, (RequestDelegate)services.GetRequiredService<ExecutionEventsEndpoint>().GetAsync).WithMetadata(api);

        app.MapMethods(DashboardRoutes.Playbooks, read, (RequestDelegate)services.GetRequiredService<PlaybooksPage>().GetAsync).WithMetadata(page);
        app.MapMethods(DashboardRoutes.Playbook, read, (RequestDelegate)services.GetRequiredService<PlaybookPage>().GetAsync).WithMetadata(page);
        app.MapGet(DashboardRoutes.PlaybooksData, (RequestDelegate)services.GetRequiredService<PlaybookListEndpoint>().GetAsync).WithMetadata(api);
        app.MapGet(DashboardRoutes.PlaybookData, (RequestDelegate)services.GetRequiredService<PlaybookDetailEndpoint>().GetAsync).WithMetadata(api);
        app.MapMethods(DashboardRoutes.Insights, read, (RequestDelegate)services.GetRequiredService<InsightsPage>().GetAsync).WithMetadata(page);
        app.MapGet(DashboardRoutes.InsightsData, (RequestDelegate)services.GetRequiredService<InsightsEndpoint>().GetAsync).WithMetadata(api);

        var probes = services.GetRequiredService<ProbeEndpoints>();
        app.MapMethods(DashboardRoutes.Live, read, (RequestDelegate)ProbeEndpoints.LiveAsync);
        app.MapMethods(DashboardRoutes.Ready, read, (RequestDelegate)probes.ReadyAsync);
    }

    private static RequestDelegate Redirect(string to) => context =>
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = to;
        return Task.CompletedTask;
    };
}
