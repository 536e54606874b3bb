using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.History.Records;

/// <summary>The lifecycle status of one playbook version (by id and version), and who set it last.</summary>
public sealed record PlaybookStatusRecord
{
    public required string PlaybookId { get; init; }

    public required string Version { get; init; }

    public required PlaybookStatus Status { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    public required string ChangedBy { get; init; }
}
