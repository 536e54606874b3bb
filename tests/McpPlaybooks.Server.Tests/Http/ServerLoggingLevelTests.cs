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

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
