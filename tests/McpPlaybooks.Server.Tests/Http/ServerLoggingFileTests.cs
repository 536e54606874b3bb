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

    /// <summary>
    /// A flood of lines never stops the file: past its size limit it rolls over to a new one, the oldest files are deleted,
    /// and a line for people written after the flood (an approval link) is in the newest file. Before, the day's file
    /// stopped at Serilog's default limit (1 GB) and every later line went to stderr only.
    /// </summary>
    [Fact]
    public void Create_FloodPastTheFileSizeLimit_RollsOverAndTheLinesForPeopleAreStillWritten()
    {
        var limits = new LogFileLimits(FileBytes: 4_096, Files: 3);

        using (var logger = ServerLogging.Create(LogLevel.Information, _directory, limits))
        {
            var flood = logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "McpPlaybooks.Server.Hosting.Http.OriginHostCheck");
            for (var i = 0; i < 200; i++)
            {
                flood.Warning("Refused a request to /healthz: its Origin header '{Value}' is not allowed", new string('a', 200));
            }

            logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "McpPlaybooks.Server.Approvals.Links.ApprovalLinkPublisher")
                .Information("Approval link for execution {ExecutionId}: {Url}", "ex-after-the-flood", "http://127.0.0.1/approve/abcd");
        }

        var files = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("ex-after-the-flood", File.ReadAllText(files[^1]), StringComparison.Ordinal);
        Assert.Equal(limits.Files, files.Count);
        Assert.All(files, file => Assert.InRange(new FileInfo(file).Length, 1, limits.FileBytes + 1_024)); // the line that reaches the limit is whole
        Assert.All(files, file => Assert.StartsWith(ServerLogging.FilePrefix, Path.GetFileName(file), StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
