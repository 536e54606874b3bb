using System.Globalization;
using McpPlaybooks.Engine.History;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// The server's logs: Serilog to stderr (every level: stdout carries the protocol and nothing else) and to a daily
/// rolling file <c>logs/server-YYYYMMDD.log</c> in the data directory, which also rolls over when it reaches its size
/// limit (<see cref="LogFileLimits"/>: 64 MiB a file, the newest 14 files kept).
/// </summary>
internal static class ServerLogging
{
    public const string FilePrefix = "server-";

    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The categories whose lines are for people and are written whatever the level (down to Information): the dashboard's
    /// address at start-up and the approval links. Without them a server at <c>--log-level Warning</c> gives nobody a way in.
    /// </summary>
    public static IReadOnlyList<string> ForPeople { get; } =
        [typeof(Dashboard.DashboardLog).FullName!, typeof(Approvals.Links.ApprovalLinkPublisher).FullName!];

    /// <summary>
    /// The logger; the MCP SDK and ASP.NET Core, which say something of every request at Information (ASP.NET Core with
    /// the full URL, session ids included), are held to Warning unless the level is Debug or Trace.
    /// </summary>
    public static Serilog.Core.Logger Create(LogLevel level, string logDirectory) => Create(level, logDirectory, LogFileLimits.Default);

    /// <inheritdoc cref="Create(LogLevel, string)"/>
    public static Serilog.Core.Logger Create(LogLevel level, string logDirectory, LogFileLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        // The data directory and its logs folder are 0700 when created here, each log file 0600 (PrivateLogFile).
        PrivateFiles.CreateDirectory(logDirectory);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(ToSerilog(level))
            .MinimumLevel.Override("ModelContextProtocol", ChattyLibraries(level))
            .MinimumLevel.Override("Microsoft.AspNetCore", ChattyLibraries(level));
        foreach (var category in ForPeople)
        {
            configuration.MinimumLevel.Override(category, ToSerilog(level < LogLevel.Information ? level : LogLevel.Information));
        }

        return configuration
            .WriteTo.Console(
                outputTemplate: ConsoleTemplate,
                formatProvider: CultureInfo.InvariantCulture,
                standardErrorFromLevel: LogEventLevel.Verbose,
                theme: ConsoleTheme.None)
            .WriteTo.File(
                Path.Combine(logDirectory, FilePrefix + ".log"),
                outputTemplate: FileTemplate,
                formatProvider: CultureInfo.InvariantCulture,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: limits.FileBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: limits.Files,
                hooks: new PrivateLogFile())
            .CreateLogger();
    }

    /// <summary>The level of libraries that log every request: Warning at least, unless Debug or Trace is asked.</summary>
    private static LogEventLevel ChattyLibraries(LogLevel level) =>
        ToSerilog(level <= LogLevel.Debug ? level : (LogLevel)Math.Max((int)level, (int)LogLevel.Warning));

    /// <summary>The Serilog level of a Microsoft one; None is one above Fatal, which nothing reaches.</summary>
    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        LogLevel.Critical => LogEventLevel.Fatal,
        _ => LogEventLevel.Fatal + 1,
    };
}
