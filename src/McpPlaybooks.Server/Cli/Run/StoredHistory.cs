using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Opens a history to read it, for commands that only look (<c>history</c>, <c>show</c>, <c>logs</c>, <c>approvals</c>):
/// it never creates a database or a schema, and never takes an execution over, as opening the engine would.
/// </summary>
internal static class StoredHistory
{
    /// <summary>
    /// Runs <paramref name="read"/> on the history at <paramref name="target"/>, and returns its exit code; a missing
    /// history is one line on stderr and exit 2 (the id cannot be in it), one that cannot be reached one line and exit 1.
    /// </summary>
    public static async Task<int> ReadAsync(HistoryTarget target, CliContext context, Func<HistoryStore, Task<int>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        switch (await ExistsAsync(target, context, cancellationToken))
        {
            case null:
                return ExitCodes.Failure;
            case false:
                context.Error.WriteLine($"error: {target.Missing()}");
                return ExitCodes.Usage;
            default:
                return await ReadExistingAsync(target, context, read, cancellationToken);
        }
    }

    /// <summary>Whether the history is there (creating nothing); null, with the line written, when it cannot be reached.</summary>
    public static async Task<bool?> ExistsAsync(HistoryTarget target, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await HistoryPresence.ExistsAsync(target.Location, cancellationToken);
        }
        catch (Exception e) when (EngineFailure.Describe(e, target) is { } message)
        {
            context.Error.WriteLine(message);
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on an existing history; one that cannot be read (damaged, empty, unreadable,
    /// unreachable) is the one line every command prints for it (<see cref="EngineFailure"/>), exit 1.
    /// </summary>
    public static async Task<int> ReadExistingAsync(HistoryTarget target, CliContext context, Func<HistoryStore, Task<int>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            await using var store = await HistoryStore.OpenAsync(target.Location, TimeProvider.System, logger: null, killAfterCommits: null, checkBeside: false, cancellationToken);
            return await read(store);
        }
        catch (Exception e) when (EngineFailure.Describe(e, target) is { } message)
        {
            context.Error.WriteLine(message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The line for an execution id that the history does not have.</summary>
    public static void WriteUnknown(string executionId, HistoryTarget target, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        context.Error.WriteLine(target.OwnDatabase
            ? $"error: no execution '{executionId}' in {target.Name}; list the recent ones with: mcp-playbooks history{target.Again}"
            : $"error: no execution '{executionId}' in {target.Name}; 'mcp-playbooks history --data-dir {target.DataDirectory}' lists the recent ones");
    }
}
