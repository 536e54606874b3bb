using McpPlaybooks.Server.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>
/// The server's own log (<see cref="ServerLogging"/>: stderr and the daily file) in a temporary logs folder, as
/// <c>serve</c> opens it; give <see cref="Factory"/> to <see cref="HttpTestServer.StartAsync"/> and read the files once closed.
/// </summary>
internal sealed class ServerLogFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mcp-logfile-").FullName;
    private readonly Serilog.Core.Logger _logger;
    private readonly SerilogLoggerFactory _factory;

    public ServerLogFile()
    {
        _logger = ServerLogging.Create(LogLevel.Information, _directory);
        _factory = new SerilogLoggerFactory(_logger);
    }

    public ILoggerFactory Factory => _factory;

    /// <summary>Closes the log (everything is written) and gives the lines of its files, oldest file first, and their bytes.</summary>
    public (List<string> Lines, long Bytes) Close()
    {
        _factory.Dispose();
        _logger.Dispose();
        var files = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToList();
        return ([.. files.SelectMany(File.ReadAllLines)], files.Sum(file => new FileInfo(file).Length));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _logger.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
