using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// Watches the prompt folder while the host runs: a markdown file added, edited, renamed or deleted reloads the
/// <see cref="PromptLibrary"/>, and when the prompts served changed, every live session hears
/// <c>notifications/prompts/list_changed</c> (coalesced per session by <see cref="McpSessions"/>).
/// </summary>
internal sealed partial class PromptWatcher(PromptLibrary library, McpSessions sessions, ServerSettings settings, ILogger<PromptWatcher> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private bool _stopped;

    /// <summary>
    /// Begins watching beside the start, on a thread of its own (not the pool's, which the stdio transport needs): a watch
    /// and a second look at the folder take milliseconds that the client's first answers need more.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Factory.StartNew(Watch, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private void Watch()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            FileSystemWatcher? watcher = null;
            try
            {
                watcher = new FileSystemWatcher(settings.PromptDirectory, "*.md")
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                watcher.Created += OnChanged;
                watcher.Changed += OnChanged;
                watcher.Deleted += OnChanged;
                watcher.Renamed += OnChanged;
                watcher.EnableRaisingEvents = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The system's limit of watches (inotify) is reached, or the folder went away since the prompts were
                // loaded: serve the prompts as loaded rather than not at all.
                watcher?.Dispose();
                LogNotWatching(logger, settings.PromptDirectory, e.Message);
                return;
            }

            _watcher = watcher;
        }

        // A change made between the first load and the watch's start would go unseen: look once more.
        OnChanged(this, EventArgs.Empty);
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        if (library.Reload())
        {
            sessions.PromptListChanged();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The prompt folder {Directory} is not watched ({Reason}): prompt files changed now are served after a restart")]
    private static partial void LogNotWatching(ILogger logger, string directory, string reason);
}
