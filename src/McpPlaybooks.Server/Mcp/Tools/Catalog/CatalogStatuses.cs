using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>The lifecycle status of every version of a playbook in the catalogue, read in one query.</summary>
internal static class CatalogStatuses
{
    /// <summary>By version; a version never given a status is active (as the engine counts it).</summary>
    public static async Task<Dictionary<string, PlaybookStatus>> ReadAsync(PlaybookEngine engine, CatalogSnapshot snapshot, string playbookId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(snapshot);
        var recorded = (await engine.History.ListPlaybookStatusesAsync(playbookId, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.Version, r => r.Status, StringComparer.Ordinal);
        return snapshot.Versions(playbookId).ToDictionary(
            v => v.Version, v => recorded.GetValueOrDefault(v.Version, PlaybookStatus.Active), StringComparer.Ordinal);
    }
}
