using System.Text.Json;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp.Tools.Catalog;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/api/playbooks</c>: the catalogue for the playbooks page: each playbook's versions with their lifecycle status,
/// its description, warnings and track record (the learning memory's), and the files left out as invalid with their problems.
/// </summary>
internal sealed class PlaybookListEndpoint(PlaybookEngine engine, PlaybookCatalog catalog)
{
    private const int MaxDescription = 300;

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = await ReadAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, view, DashboardJson.Default.PlaybookCatalogView, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task<PlaybookCatalogView> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = catalog.Current;
        var records = await engine.Memory.GetTrackRecordsAsync(cancellationToken).ConfigureAwait(false);
        var invalidById = snapshot.Invalid.Where(p => p.PlaybookId is not null).ToLookup(p => p.PlaybookId!, StringComparer.Ordinal);
        var rows = new List<PlaybookRow>();
        foreach (var latest in snapshot.Latest)
        {
            var statuses = await CatalogStatuses.ReadAsync(engine, snapshot, latest.Id, cancellationToken).ConfigureAwait(false);
            var record = records.GetValueOrDefault(latest.Id);
            var description = latest.Definition.Description;
            rows.Add(new PlaybookRow
            {
                Id = latest.Id,
                Name = latest.Definition.Name,
                Version = latest.Version,
                Status = EnumNames.ToName(statuses[latest.Version]),
                Description = description is { Length: > MaxDescription } ? description[..(MaxDescription - 1)].TrimEnd() + "…" : description,
                Versions = [.. snapshot.Versions(latest.Id).Select(v => new PlaybookVersionView(v.Version, EnumNames.ToName(statuses[v.Version])))],
                Steps = latest.Definition.Steps.Count,
                Warnings = latest.Warnings.Count,
                InvalidFiles = invalidById[latest.Id].Count(),
                Runs = record?.Runs ?? 0,
                SuccessRate = record?.SuccessRate,
            });
        }

        return new PlaybookCatalogView(rows, [.. snapshot.Invalid.Select(InvalidFileView.From)]);
    }
}
