using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// Reads the playbook files of the folders into a <see cref="CatalogSnapshot"/>. Every file is read at each load, but
/// validated only when its text is new (by path and SHA-256): the validation depends on nothing but the text, so an
/// unchanged file keeps its outcome; a file gone from the folders is forgotten. What depends on other files, cycles of
/// child playbooks (<see cref="ChildCycles"/>), is found again at each load. Safe to use from several threads.
/// </summary>
internal sealed class CatalogLoader
{
    private readonly Lock _gate = new();
    private readonly PlaybookValidator _validator = new();
    private Dictionary<string, ValidatedFile> _files = new(StringComparer.Ordinal);
    private long _validated;

    /// <summary>How many file texts this loader has validated (each new or changed text once).</summary>
    public long Validated => Interlocked.Read(ref _validated);

    public CatalogSnapshot Load(IReadOnlyList<string> directories)
    {
        lock (_gate)
        {
            var files = new Dictionary<string, ValidatedFile>(StringComparer.Ordinal);
            var entries = new List<CatalogEntry>();
            var invalid = new List<CatalogProblem>();
            var seen = new HashSet<(string, string)>();
            foreach (var path in PlaybookPaths.Expand(directories.Where(Directory.Exists)))
            {
                var file = Read(path);
                if (file.Sha256.Length > 0)
                {
                    files[path] = file;
                }

                if (file.Problem is { } problem)
                {
                    invalid.Add(problem);
                    continue;
                }

                // The first folder wins: a copy of a bundled playbook in a later folder is passed over.
                if (seen.Add((file.Entry!.Id, file.Entry.Version)))
                {
                    entries.Add(file.Entry);
                }
            }

            _files = files;
            return new CatalogSnapshot(WithCycles(entries), invalid);
        }

        // A file read, from the cache when its text is the one validated before; one that cannot be read has no SHA-256.
        ValidatedFile Read(string path)
        {
            string? text;
            Diagnostic? problem;
            try
            {
                text = Documents.PlaybookFileText.Read(path, out problem);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new ValidatedFile("", null, new CatalogProblem(path, null, _validator.ValidateFile(path).Diagnostics.Where(d => d.IsError).ToList()));
            }

            if (text is null)
            {
                return new ValidatedFile("", null, new CatalogProblem(path, null, [problem!]));
            }

            var sha = Execution.PlaybookHash.Of(text);
            return _files.TryGetValue(path, out var known) && known.Sha256 == sha ? known : Validate(path, text, sha);
        }
    }

    private ValidatedFile Validate(string path, string text, string sha)
    {
        Interlocked.Increment(ref _validated);
        var report = _validator.ValidateText(text, path);
        return report.Playbook is not { } playbook || report.HasErrors
            ? new ValidatedFile(sha, null, new CatalogProblem(path, report.Playbook?.Id, report.Diagnostics.Where(d => d.IsError).ToList()))
            : new ValidatedFile(sha, new CatalogEntry(playbook, text, path, sha, report.Diagnostics.Where(d => !d.IsError).ToList()), null);
    }

    /// <summary>The entries, each with a warning added for every cycle of child playbooks it starts.</summary>
    private static List<CatalogEntry> WithCycles(List<CatalogEntry> entries)
    {
        var lookup = new PlaybookLookup(entries.Select(e => e.Definition));
        return entries.ConvertAll(entry => ChildCycles.Find(entry.Definition, lookup) is { Count: > 0 } cycles
            ? entry with { Warnings = PlaybookValidator.Sorted([.. entry.Warnings, .. cycles]) }
            : entry);
    }

    /// <summary>A file's text (its SHA-256) and what validating it gave: an entry or a problem.</summary>
    private sealed record ValidatedFile(string Sha256, CatalogEntry? Entry, CatalogProblem? Problem);
}
