using System.Data.Common;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Opens a data directory's history to read it, for commands that only look (<c>show</c>, <c>logs</c>): it never creates
/// a database, and never takes an execution over, as opening the engine would.
/// </summary>
internal static class StoredHistory
{
    /// <summary>
    /// Runs <paramref name="read"/> on the history of <paramref name="directory"/>, and returns its exit code; a missing or
    /// unreadable history is one line on stderr (exit 2 when there is none: the id cannot be in it; 1 when it cannot be read).
    /// </summary>
    public static async Task<int> ReadAsync(string directory, CliContext context, Func<HistoryStore, Task<int>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        var database = new EngineOptions { DataDirectory = directory }.DatabasePath;
        if (!File.Exists(database))
        {
            context.Error.WriteLine($"error: no history in {directory}: no execution has run with this data directory (give the one it ran with: --data-dir DIR)");
            return ExitCodes.Usage;
        }

        try
        {
            await using var store = await HistoryStore.OpenAsync(database, TimeProvider.System, logger: null, cancellationToken);
            return await read(store);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
        {
            context.Error.WriteLine($"error: cannot read the history in {directory}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The line for an execution id that the history does not have.</summary>
    public static void WriteUnknown(string executionId, string directory, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Error.WriteLine($"error: no execution '{executionId}' in {directory}; 'mcp-playbooks history --data-dir {directory}' lists the recent ones");
    }
}
