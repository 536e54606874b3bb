using McpPlaybooks.Server.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace McpPlaybooks.Server.Tests.Http;

public sealed class ServerLoggingLevelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mcp-logging-").FullName;

    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("ModelContextProtocol.Server.McpServer")]
    public void Create_InformationLevel_HoldsRequestLoggingLibrariesToWarning(string source)
    {
        using var logger = ServerLogging.Create(LogLevel.Information, _directory);
        var context = logger.ForContext(Constants.SourceContextPropertyName, source);

        Assert.False(context.IsEnabled(LogEventLevel.Information));
        Assert.True(context.IsEnabled(LogEventLevel.Warning));
        Assert.True(logger.ForContext(Constants.SourceContextPropertyName, "McpPlaybooks.Server").IsEnabled(LogEventLevel.Information));
    }

    [Fact]
    public void Create_DebugLevel_LetsAspNetCoreDebugThrough()
    {
        using var logger = ServerLogging.Create(LogLevel.Debug, _directory);

        Assert.True(logger.ForContext(Constants.SourceContextPropertyName, "Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogEventLevel.Debug));
    }

    /// <summary>The dashboard's address and the approval links are how people get in: written at any level (a refused page sends people to the line).</summary>
    [Theory]
    [InlineData(LogLevel.Warning, "McpPlaybooks.Server.Dashboard.DashboardLog")]
    [InlineData(LogLevel.Warning, "McpPlaybooks.Server.Approvals.Links.ApprovalLinkPublisher")]
    [InlineData(LogLevel.None, "McpPlaybooks.Server.Dashboard.DashboardLog")]
    [InlineData(LogLevel.Error, "McpPlaybooks.Server.Approvals.Links.ApprovalLinkPublisher")]
    public void Create_AboveInformation_StillWritesTheLinesForPeople(LogLevel level, string source)
    {
        using var logger = ServerLogging.Create(level, _directory);

        Assert.True(logger.ForContext(Constants.SourceContextPropertyName, source).IsEnabled(LogEventLevel.Information));
        Assert.False(logger.ForContext(Constants.SourceContextPropertyName, "McpPlaybooks.Server.Dashboard.DashboardGate").IsEnabled(LogEventLevel.Information));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
