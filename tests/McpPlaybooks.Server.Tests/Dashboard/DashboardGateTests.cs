using System.Net;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// The gate on a request it cannot get over a test's loopback socket: a connection from another machine to a server
/// without tokens (<c>serve --http 0.0.0.0:PORT --allow-remote-without-tokens</c>), even one carrying a live session.
/// </summary>
public sealed class DashboardGateTests
{
    [Theory]
    [InlineData("192.168.1.20", StatusCodes.Status403Forbidden, false)]
    [InlineData("127.0.0.1", StatusCodes.Status200OK, true)]
    [InlineData("::1", StatusCodes.Status200OK, true)]
    public async Task Gate_WithoutTokens_OnlyLoopbackConnectionsPass_EvenWithALiveSession(string remote, int status, bool served)
    {
        var access = new DashboardAccess(AccessTokens.None, "me");
        using var sessions = new DashboardSessions(TimeProvider.System);
        var gate = new DashboardGate(access, sessions, new DashboardCsrf(), published: null, new RefusalLogThrottle(TimeProvider.System), NullLogger<DashboardGate>.Instance);
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.Path = DashboardRoutes.Home;
        context.Request.Headers.Cookie = $"{DashboardCookies.Session}_0={sessions.Start(access.LocalCaller)!.Id}";
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new DashboardRule(ServerRoles.Viewer, IsPage: true)), "page"));
        var reached = false;

        await gate.InvokeAsync(context, _ =>
        {
            reached = true;
            return Task.CompletedTask;
        });

        Assert.Equal(served, reached);
        Assert.Equal(status, context.Response.StatusCode);
        if (!served)
        {
            context.Response.Body.Position = 0;
            Assert.Contains("answers only on this machine", await new StreamReader(context.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        }
    }
}
