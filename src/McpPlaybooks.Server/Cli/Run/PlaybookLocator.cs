using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Cli.Validate;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Finds the playbook <c>run PATH|ID</c> names: an existing file, else the playbook whose loaded
/// <c>id</c> (not its file name) matches, in the playbook folders; the highest version wins.
/// </summary>
internal static class PlaybookLocator
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>The folders an id is looked up in, in order: <c>./playbooks</c>, then the bundled ones beside the executable.</summary>
    public static IReadOnlyList<string> Folders(string currentDirectory) =>
        [Path.Combine(currentDirectory, "playbooks"), Path.Combine(AppContext.BaseDirectory, "playbooks")];

    /// <summary>The playbook, or null with <paramref name="problem"/> saying why none was found.</summary>
    public static LocatedPlaybook? Locate(
        string pathOrId,
        string currentDirectory,
        IReadOnlyList<string> folders,
        PlaybookValidator validator,
        out string? problem)
    {
        ArgumentNullException.ThrowIfNull(pathOrId);
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(validator);
        problem = null;
        var fullPath = Path.GetFullPath(pathOrId, currentDirectory);
        if (File.Exists(fullPath) || LooksLikePath(pathOrId))
        {
            // A missing file is reported by the validator, as 'validate' reports it.
            return Read(pathOrId, fullPath, validator);
        }

        var candidates = folders
            .SelectMany(PlaybookFiles)
            .Select(path => Read(path, path, validator))
            .Where(located => located.Report.Playbook is not null)
            .ToList();
        var match = candidates
            .Where(located => located.Report.Playbook!.Id == pathOrId)
            .OrderByDescending(located => located.Report.Playbook!.Version, SemanticVersionComparer.Instance)
            .FirstOrDefault();
        if (match is null)
        {
            var known = candidates.Select(located => located.Report.Playbook!.Id).Distinct().Order(StringComparer.Ordinal).ToList();
            var hint = Suggestions.DidYouMean(pathOrId, known);
            problem = $"no playbook with id '{pathOrId}' in {string.Join(", ", folders)}"
                + (hint.Length > 0 ? "; " + hint : ".")
                + $" Known ids: {(known.Count == 0 ? "none" : string.Join(", ", known))}";
        }

        return match;
    }

    /// <summary>Reads the file once and validates that text, which the run then records as its content.</summary>
    private static LocatedPlaybook Read(string displayPath, string fullPath, PlaybookValidator validator)
    {
        try
        {
            return Engine.Documents.PlaybookFileText.Read(fullPath, out var problem) is { } text
                ? new LocatedPlaybook(displayPath, fullPath, validator.ValidateText(text, fullPath), text)
                : new LocatedPlaybook(displayPath, fullPath, new ValidationReport(fullPath, null, [problem!]), Content: null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Unreadable (or missing): the validator says why, as 'validate' does.
            return new LocatedPlaybook(displayPath, fullPath, validator.ValidateFile(fullPath), Content: null);
        }
    }

    private static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal)
        || text.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || Extensions.Contains(Path.GetExtension(text), StringComparer.OrdinalIgnoreCase);

    private static IReadOnlyList<string> PlaybookFiles(string folder) =>
        Directory.Exists(folder) ? PlaybookPaths.Expand([folder]).Where(File.Exists).ToList() : [];
}
