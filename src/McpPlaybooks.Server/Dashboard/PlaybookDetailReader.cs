using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Server.Mcp.Tools.Catalog;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// Reads one playbook for its page: a catalogue version (the latest without a version), or, when no valid file has this
/// id, the first invalid file that does (its text read from disk, bounded). Null when neither exists.
/// </summary>
internal sealed class PlaybookDetailReader(PlaybookEngine engine, PlaybookCatalog catalog)
{
    /// <summary>The most executions listed in the track record.</summary>
    public const int RecentLimit = 20;

    /// <summary>The most of an invalid file's text read.</summary>
    public const int MaxFileChars = 256 * 1024;

    /// <summary>Whether <see cref="ReadAsync"/> would find something (the catalogue only: no history read).</summary>
    public bool Exists(string playbookId, string? version)
    {
        var snapshot = catalog.Current;
        return snapshot.Find(playbookId, version) is not null
            || (version is null && snapshot.Invalid.Any(p => p.PlaybookId == playbookId));
    }

    public async Task<PlaybookDetail?> ReadAsync(string playbookId, string? version, CancellationToken cancellationToken)
    {
        var snapshot = catalog.Current;
        var invalid = snapshot.Invalid.Where(p => p.PlaybookId == playbookId).ToList();
        var entry = snapshot.Find(playbookId, version);
        if (entry is null && (version is not null || invalid.Count == 0))
        {
            return null;
        }

        var recent = (await engine.History.ListExecutionsAsync(new ExecutionQuery { PlaybookId = playbookId, Limit = RecentLimit }, cancellationToken).ConfigureAwait(false)).Executions;
        var record = await RecordAsync(playbookId, recent, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            var file = invalid[0];
            return new PlaybookDetail
            {
                PlaybookId = playbookId,
                Valid = false,
                Path = file.Path,
                Yaml = await ReadFileAsync(file.Path, cancellationToken).ConfigureAwait(false),
                Problems = [.. file.Errors.Select(ProblemView.From)],
                Record = record,
                InvalidFiles = [.. invalid.Skip(1).Select(InvalidFileView.From)],
            };
        }

        var statuses = await CatalogStatuses.ReadAsync(engine, snapshot, playbookId, cancellationToken).ConfigureAwait(false);
        var definition = entry.Definition;
        var (dryRunId, dryRun) = await LatestDryRunAsync(entry, recent, cancellationToken).ConfigureAwait(false);
        return new PlaybookDetail
        {
            PlaybookId = playbookId,
            Version = entry.Version,
            Name = definition.Name,
            Description = definition.Description,
            Status = EnumNames.ToName(statuses[entry.Version]),
            Valid = true,
            Path = entry.Path,
            Yaml = entry.Content,
            Problems = [.. entry.Warnings.Select(ProblemView.From)],
            Versions = [.. snapshot.Versions(playbookId).Select(v => new PlaybookVersionView(v.Version, EnumNames.ToName(statuses[v.Version])))],
            Inputs = [.. definition.Inputs.Select(i => new InputView(i.Name, EnumNames.ToName(i.Type), i.Required, i.Default is not null, i.Description))],
            Plan = PlaybookPlan.Build(definition, dryRunId, dryRun),
            Record = record,
            InvalidFiles = [.. invalid.Select(InvalidFileView.From)],
        };
    }

    public static string UnknownMessage(string playbookId, string? version)
    {
        var id = playbookId.Length > 100 ? playbookId[..100] + "…" : playbookId;
        return version is null
            ? $"No playbook '{id}' in the catalogue, valid or not. The playbooks page lists them all."
            : $"Playbook '{id}' has no version '{(version.Length > 50 ? version[..50] + "…" : version)}' in the catalogue. The playbook's page without a version shows the latest, and lists the others.";
    }

    private async Task<TrackRecordView> RecordAsync(string playbookId, IReadOnlyList<ExecutionRecord> recent, CancellationToken cancellationToken)
    {
        var metrics = (await engine.Memory.GetMetricsAsync(new MetricsQuery { PlaybookId = playbookId }, cancellationToken).ConfigureAwait(false))
            .Playbooks.FirstOrDefault(p => p.PlaybookId == playbookId);
        return new TrackRecordView
        {
            Runs = metrics?.Runs ?? 0,
            Completed = metrics?.Completed ?? 0,
            Failed = metrics?.Failed ?? 0,
            Cancelled = metrics?.Cancelled ?? 0,
            RolledBack = metrics?.RolledBack ?? 0,
            Rejected = metrics?.Rejected ?? 0,
            BreakerRefused = metrics?.BreakerRefused ?? 0,
            SuccessRate = metrics?.SuccessRate,
            P50Ms = metrics?.DurationP50?.TotalMilliseconds,
            P95Ms = metrics?.DurationP95?.TotalMilliseconds,
            Recent = [.. recent.Select(ExecutionSummary.From)],
        };
    }

    /// <summary>The newest finished dry run of exactly this text among the playbook's latest executions, with its state.</summary>
    private async Task<(string? Id, ExecutionState? State)> LatestDryRunAsync(CatalogEntry entry, IReadOnlyList<ExecutionRecord> recent, CancellationToken cancellationToken)
    {
        var dryRun = recent.FirstOrDefault(e => e.DryRun && e.PlaybookVersion == entry.Version && e.PlaybookSha256 == entry.Sha256 && ExecutionStatuses.IsFinal(e.Status));
        return dryRun is null
            ? (null, null)
            : (dryRun.Id, await engine.GetStateAsync(dryRun.Id, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[MaxFileChars];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
