using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Postgres;

namespace McpPlaybooks.Engine.History;

/// <summary>Whether a history is there at all, for readers that must not create one by opening it.</summary>
public static class HistoryPresence
{
    /// <summary>
    /// Whether <paramref name="location"/> holds a history: the SQLite file exists, or the PostgreSQL schema has our
    /// migrations table. Creates nothing. On PostgreSQL a database that cannot be reached or refuses the credentials is a
    /// <see cref="HistoryWriteException"/> with one masked sentence, as <see cref="HistoryStore.OpenAsync(HistoryLocation, TimeProvider, Microsoft.Extensions.Logging.ILogger?, int?, bool, CancellationToken)"/> gives.
    /// </summary>
    public static Task<bool> ExistsAsync(HistoryLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind == StoreKind.Postgres
            ? PostgresHistory.ExistsAsync(location, cancellationToken)
            : Task.FromResult(File.Exists(location.Target));
    }
}
