namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>How well a playbook's best trigger matches an incident: a score from 0 to 1, the fields that matched, and why.</summary>
internal sealed record IncidentMatch(double Score, IReadOnlyList<string> Reasons)
{
    public IReadOnlyList<string> Matched { get; init; } = [];
}
