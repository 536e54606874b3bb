using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>Reads and validates every playbook file of the folders into a <see cref="CatalogSnapshot"/>.</summary>
internal static class CatalogLoader
{
    public static CatalogSnapshot Load(IReadOnlyList<string> directories)
    {
        var validator = new PlaybookValidator();
        var entries = new List<CatalogEntry>();
        var invalid = new List<CatalogProblem>();
        var seen = new HashSet<(string, string)>();
        foreach (var path in PlaybookPaths.Expand(directories.Where(Directory.Exists)))
        {
            string? text;
            Diagnostic? problem;
            try
            {
                text = Documents.PlaybookFileText.Read(path, out problem);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                invalid.Add(new CatalogProblem(path, null, validator.ValidateFile(path).Diagnostics.Where(d => d.IsError).ToList()));
                continue;
            }

            if (text is null)
            {
                invalid.Add(new CatalogProblem(path, null, [problem!]));
                continue;
            }

            var report = validator.ValidateText(text, path);
            if (report.Playbook is not { } playbook || report.HasErrors)
            {
                invalid.Add(new CatalogProblem(path, report.Playbook?.Id, report.Diagnostics.Where(d => d.IsError).ToList()));
                continue;
            }

            // The first folder wins: a copy of a bundled playbook in a later folder is passed over.
            if (seen.Add((playbook.Id, playbook.Version)))
            {
                var warnings = report.Diagnostics.Where(d => !d.IsError).ToList();
                entries.Add(new CatalogEntry(playbook, text, path, Execution.PlaybookHash.Of(text), warnings));
            }
        }

        return new CatalogSnapshot(entries, invalid);
    }
}
