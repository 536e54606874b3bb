using McpPlaybooks.Engine.Catalog;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>The playbook ids whose versions or texts differ between two catalogue snapshots (added and removed ones included).</summary>
internal static class CatalogDiff
{
    public static IReadOnlySet<string> ChangedIds(CatalogSnapshot before, CatalogSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in before.Ids.Union(after.Ids, StringComparer.Ordinal))
        {
            if (!before.Versions(id).Select(Fingerprint).SequenceEqual(after.Versions(id).Select(Fingerprint)))
            {
                changed.Add(id);
            }
        }

        return changed;
    }

    private static (string Version, string Sha256) Fingerprint(CatalogEntry entry) => (entry.Version, entry.Sha256);
}
