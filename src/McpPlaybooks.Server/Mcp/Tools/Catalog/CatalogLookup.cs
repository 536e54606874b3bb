using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Mcp.Tools.Framework;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>Finds a playbook version in the catalogue for a tool, or says why it is not there and what to call instead.</summary>
internal static class CatalogLookup
{
    /// <summary>The version (the latest when <paramref name="version"/> is null); throws <see cref="ToolErrorException"/> when absent.</summary>
    public static CatalogEntry Find(CatalogSnapshot snapshot, string playbookId, string? version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var versions = snapshot.Versions(playbookId);
        if (versions.Count == 0)
        {
            throw new ToolErrorException(UnknownId(snapshot, playbookId));
        }

        return (version is null ? versions[0] : versions.FirstOrDefault(e => e.Version == version))
            ?? throw new ToolErrorException(
                $"playbook '{playbookId}' has no version '{version}'; its versions are {string.Join(", ", versions.Select(e => e.Version))}. "
                + "Call again with one of them, or without version for the latest.");
    }

    /// <summary>"no playbook 'x'": with a "did you mean", the files left out under that id, and <c>list_playbooks</c>.</summary>
    public static string UnknownId(CatalogSnapshot snapshot, string playbookId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var hint = Suggestions.DidYouMean(playbookId, snapshot.Ids);
        var text = $"no playbook '{playbookId}' in the catalogue" + (hint.Length > 0 ? $"; {hint}" : ".");
        foreach (var problem in snapshot.Invalid.Where(p => p.PlaybookId == playbookId).Take(3))
        {
            var first = problem.Errors.Count > 0 ? DiagnosticView.Format(problem.Errors[0]) : "unreadable";
            text += $" The file {problem.Path} has this id but is left out for its errors (first: {first}); fix it and save it again.";
        }

        return text + " Call list_playbooks to see the playbooks.";
    }
}
