using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Cli;
using McpPlaybooks.Server.Cli.Control;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Mcp;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// Runs the MCP server over stdio (or HTTP, <see cref="HttpServe"/>): opens the logs and the engine, serves at once while the
/// catalogue loads and unfinished executions are taken over in the background (what needs them waits for them; over stdio
/// both begin once the client's first messages are answered, so that on a small machine they do not slow them), serves
/// until the client closes stdin (or Ctrl+C, SIGTERM), then gives running executions a grace period and closes.
/// A data directory or secrets file that cannot be used is one line on stderr and exit 1, before anything is served.
/// </summary>
internal static partial class ServeHost
{
    public static async Task<int> RunAsync(ServeOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        var settings = options.Server;
        // The catalogue validates every playbook, the slowest part of the start: it loads in the background, and the
        // transport answers `initialize` meanwhile; whatever reads the catalogue waits for its first load. Over stdio it
        // begins once the client's handshake is done (ServeAsync), so that on a small machine it does not slow the answers
        // to `initialize` and `tools/list`, which do not need it.
        using var catalog = options.Http is null
            ? PlaybookCatalog.LoadWhenAsked(settings.PlaybookDirectories, settings.SaveDirectory, TimeProvider.System)
            : PlaybookCatalog.StartLoading(settings.PlaybookDirectories, settings.SaveDirectory, TimeProvider.System);
        Serilog.Core.Logger created;
        try
        {
            // The log folder is made private (0700) at once, so a data directory that cannot be used fails here first.
            created = ServerLogging.Create(options.LogLevel, settings.LogDirectory);
        }
        catch (Exception e) when (EngineFailure.Describe(e, settings.Engine.DataDirectory) is { } message)
        {
            error.WriteLine(message);
            return ExitCodes.Failure;
        }

        await using var serilog = created;
        using var loggerFactory = new SerilogLoggerFactory(serilog);
        var logger = loggerFactory.CreateLogger(typeof(ServeHost).FullName!);
        PlaybookEngine engine;
        // Over stdio the first answer to the client (to `initialize`) goes out before the takeover scan begins.
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            // Unfinished executions are taken over in the background too (a call about one takes that one over first).
            var takeOverAfter = options.Http is null ? StdioServe.AtTheLatestAsync(answered.Task, options.ClientWait) : Task.CompletedTask;
            engine = await PlaybookEngine.OpenServingAsync(settings.Engine, TimeProvider.System, loggerFactory, takeOverAfter, cancellationToken);
        }
        catch (Exception e) when (EngineFailure.Describe(e, settings.Engine.DataDirectory) is { } message)
        {
            error.WriteLine(message);
            return ExitCodes.Failure;
        }

        // Children are found in the catalogue the server shows (the same folders), so each file is validated once.
        engine.FindChildrenIn(catalog);
        try
        {
            if (settings.Engine.AcceptAssistantApprovals)
            {
                LogAssistantApprovalsAccepted(logger);
            }

            using var outcomes = engine.Observe(null, new ExecutionOutcomeLog(logger));
            _ = LogResumedWhenDoneAsync(engine, logger, cancellationToken);
            var started = new ServeStartup(CatalogReadyAsync(catalog, options, logger), error);

            // The history's pages are checked beside serving (the check reads the whole file): damaged, the server stops.
            using var damaged = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _ = engine.History.Checked.ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Cancel(), damaged, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            int code;
            try
            {
                code = options.Http is { } http
                    ? await HttpServe.RunAsync(engine, catalog, settings, http, loggerFactory, started, error, damaged.Token)
                    : await StdioServe.RunAsync(engine, catalog, options, loggerFactory, logger, started, answered, damaged.Token);
            }
            catch (OperationCanceledException) when (damaged.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                code = ExitCodes.Success;
            }

            if (engine.History.Checked is { IsFaulted: true } check && check.Exception?.InnerException is { } damage
                && EngineFailure.Describe(damage, settings.Engine.DataDirectory) is { } message)
            {
                LogFailed(logger, damage);
                error.WriteLine(message);
                return ExitCodes.Failure;
            }

            return code;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Mcp.Prompts.PromptFileException e)
        {
            // A prompt file that cannot be read stops the start, naming the file and line.
            LogFailed(logger, e);
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (EngineFailure.Describe(e, settings.Engine.DataDirectory) is { } message)
        {
            LogFailed(logger, e);
            error.WriteLine(message);
            return ExitCodes.Failure;
        }
        finally
        {
            await ServeShutdown.DrainAsync(engine, options.ShutdownGrace, logger);
            await engine.DisposeAsync();
            LogStopped(logger);
        }
    }

    /// <summary>Once the catalogue's first load has run: watches its folders and says what it holds.</summary>
    private static async Task CatalogReadyAsync(PlaybookCatalog catalog, ServeOptions options, ILogger logger)
    {
        await catalog.Loaded;
        catalog.StartWatching();
        var settings = options.Server;
        LogServing(logger, McpServerComposition.ServerVersion, options.Http is null ? "stdio" : "HTTP", settings.Engine.DataDirectory, string.Join(", ", catalog.Directories), catalog.Current.Entries.Count, catalog.Current.Invalid.Count);
        if (settings.Engine.Database is { } database)
        {
            LogHistoryLocation(logger, database.Kind, database.Display);
        }

        LogInvalidFiles(logger, catalog.Current.Invalid);
    }

    /// <summary>Once the takeover begun with the engine has run: says what it took over.</summary>
    private static async Task LogResumedWhenDoneAsync(PlaybookEngine engine, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Resumed;
            await LogResumedAsync(engine, logger, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // the server stopped before the takeover ended
        }
        catch (Exception e) when (EngineFailure.Describe(e, engine.Options.DataDirectory) is not null)
        {
            LogFailed(logger, e);
        }
    }

    /// <summary>Says which unfinished executions opening the engine took over, and how each stands now.</summary>
    private static async Task LogResumedAsync(PlaybookEngine engine, ILogger logger, CancellationToken cancellationToken)
    {
        var report = engine.LastResume;
        foreach (var id in report.Resumed)
        {
            var state = await engine.GetStateAsync(id, cancellationToken);
            var playbook = state is null ? "?" : $"{state.PlaybookId} {state.PlaybookVersion}";
            var status = state is null ? "unknown" : EnumNames.ToName(state.Status);
            LogResumed(logger, id, playbook, CliEngine.Details(report, id), status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals:AcceptAssistant is on: approve_step with no verified identity (stdio, HTTP without tokens) counts on every gate but separate-approver ones, its claimed name matched against the approvers. A model can pass those gates by itself.")]
    private static partial void LogAssistantApprovalsAccepted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The history is in {Kind} at {Database}")]
    private static partial void LogHistoryLocation(ILogger logger, McpPlaybooks.Engine.History.Location.StoreKind kind, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "McpPlaybooks {Version} serving MCP over {Transport}; data directory {DataDirectory}; playbooks from {Folders}: {Count} playbooks, {Invalid} invalid files")]
    private static partial void LogServing(ILogger logger, string version, string transport, string dataDirectory, string folders, int count, int invalid);

    /// <summary>Names each playbook file left out of the catalogue, with its first problem, so that the count is not all the log says.</summary>
    private static void LogInvalidFiles(ILogger logger, IReadOnlyList<CatalogProblem> invalid)
    {
        foreach (var problem in invalid)
        {
            var first = problem.Errors.Count == 0 ? $"{problem.Path}: it cannot be read" : problem.Errors[0].Format(problem.Path);
            LogInvalidFile(logger, problem.Path, problem.Errors.Count, first);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Playbook file {Path} is left out of the catalogue ({Count} errors; 'mcp-playbooks validate' lists them): {First}")]
    private static partial void LogInvalidFile(ILogger logger, string path, int count, string first);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed execution {ExecutionId} ({Playbook}), left unfinished by a process that stopped{Details}: now {Status}")]
    private static partial void LogResumed(ILogger logger, string executionId, string playbook, string details, string status);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The server stopped on an error")]
    internal static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server stopped")]
    private static partial void LogStopped(ILogger logger);
}
