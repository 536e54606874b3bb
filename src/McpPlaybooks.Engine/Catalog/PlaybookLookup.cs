using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// Playbook definitions found by id and version as a <c>playbook</c> step finds its child: the version named, else the
/// highest. The first definition of an id and version wins, so a text being validated can be put before the catalogue's.
/// </summary>
public sealed class PlaybookLookup
{
    private readonly Dictionary<string, List<PlaybookDefinition>> _byId = new(StringComparer.Ordinal);

    public PlaybookLookup(IEnumerable<PlaybookDefinition> playbooks)
    {
        ArgumentNullException.ThrowIfNull(playbooks);
        foreach (var playbook in playbooks)
        {
            var versions = _byId.TryGetValue(playbook.Id, out var known) ? known : _byId[playbook.Id] = [];
            if (!versions.Exists(v => v.Version == playbook.Version))
            {
                versions.Add(playbook);
            }
        }

        foreach (var versions in _byId.Values)
        {
            versions.Sort((a, b) => SemanticVersionComparer.Instance.Compare(b.Version, a.Version));
        }
    }

    /// <summary>One version, or the highest when <paramref name="version"/> is null; null when there is none.</summary>
    public PlaybookDefinition? Find(string playbookId, string? version) =>
        !_byId.TryGetValue(playbookId, out var versions) ? null
            : version is null ? versions[0]
            : versions.Find(v => v.Version == version);
}
