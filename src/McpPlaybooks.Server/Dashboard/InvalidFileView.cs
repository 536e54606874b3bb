using McpPlaybooks.Engine.Catalog;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>A playbook file left out of the catalogue, with what is wrong in it (its id when it could be read).</summary>
internal sealed record InvalidFileView(string Path, string? PlaybookId, IReadOnlyList<ProblemView> Problems)
{
    public static InvalidFileView From(CatalogProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new InvalidFileView(problem.Path, problem.PlaybookId, [.. problem.Errors.Select(ProblemView.From)]);
    }
}
