using McpPlaybooks.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Tests.Http;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServerLoggingFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mcp-logging-").FullName;

    [Fact]
    public void Create_NewDataDirectory_LogFolderIs0700AndLogFile0600()
    {
        var data = Path.Combine(_directory, "data");
        var logs = Path.Combine(data, "logs");

        using (var logger = ServerLogging.Create(LogLevel.Information, logs))
        {
            logger.Information("a line with a secret");
        }

        var file = Assert.Single(Directory.GetFiles(logs));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(logs));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
