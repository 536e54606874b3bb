using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Opens a data directory's history to read it, for commands that only look (<c>history</c>, <c>show</c>, <c>logs</c>):
/// it never creates a database, and never takes an execution over, as opening the engine would.
/// </summary>
internal static class StoredHistory
{
    /// <summary>
    /// Runs <paramref name="read"/> on the history of <paramref name="directory"/>, and returns its exit code; a missing
    /// history is one line on stderr and exit 2 (the id cannot be in it).
    /// </summary>
    public static Task<int> ReadAsync(string directory, CliContext context, Func<HistoryStore, Task<int>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Exists(directory))
        {
            context.Error.WriteLine($"error: no history in {directory}: no execution has run with this data directory (give the one it ran with: --data-dir DIR)");
            return Task.FromResult(ExitCodes.Usage);
        }

        return ReadExistingAsync(directory, context, read, cancellationToken);
    }

    /// <summary>Whether <paramref name="directory"/> has a history file at all.</summary>
    public static bool Exists(string directory) => File.Exists(DatabasePath(directory));

    /// <summary>
    /// Runs <paramref name="read"/> on an existing history; one that cannot be read (damaged, empty, unreadable) is the
    /// one line every command prints for it (<see cref="EngineFailure"/>), exit 1.
    /// </summary>
    public static async Task<int> ReadExistingAsync(string directory, CliContext context, Func<HistoryStore, Task<int>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            await using var store = await HistoryStore.OpenAsync(DatabasePath(directory), TimeProvider.System, logger: null, cancellationToken);
            return await read(store);
        }
        catch (Exception e) when (EngineFailure.Describe(e, directory) is { } message)
        {
            context.Error.WriteLine(message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The line for an execution id that the history does not have.</summary>
    public static void WriteUnknown(string executionId, string directory, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Error.WriteLine($"error: no execution '{executionId}' in {directory}; 'mcp-playbooks history --data-dir {directory}' lists the recent ones");
    }

    private static string DatabasePath(string directory) => new EngineOptions { DataDirectory = directory }.DatabasePath;
}
