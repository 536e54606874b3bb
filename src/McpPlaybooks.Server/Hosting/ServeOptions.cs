using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting;

/// <summary>Everything <c>serve</c> runs with, read from its configuration by <see cref="ServeOptionsReader"/>.</summary>
internal sealed record ServeOptions
{
    public required ServerSettings Server { get; init; }

    /// <summary>The lowest level written to stderr and the log file (<c>LogLevel</c>, Information by default).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>How long, once the client has gone, the server waits for running executions to end or park (<c>ShutdownGraceSeconds</c>, 5 s).</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Over stdio, how long the work that waits for the client's opening exchange (the catalogue's first load, the dashboard,
    /// the takeover) waits before beginning anyway (<c>Stdio:ClientWaitSeconds</c>, 3 s).
    /// </summary>
    public TimeSpan ClientWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How to serve over HTTP (<c>Http</c> and the settings beside it); null to serve over stdio.</summary>
    public Http.HttpServerSettings? Http { get; init; }

    /// <summary>Under stdio, where the dashboard listens (<c>Ui:Address</c>, loopback, any free port by default); null when <c>off</c>.</summary>
    public Http.HttpListenAddress? Ui { get; init; }
}
