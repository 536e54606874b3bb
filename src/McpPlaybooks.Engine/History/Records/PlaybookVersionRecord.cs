namespace McpPlaybooks.Engine.History.Records;

/// <summary>A playbook's text as it was when an execution started; executions are pinned to one (by id, version and hash).</summary>
public sealed record PlaybookVersionRecord
{
    public required string PlaybookId { get; init; }

    public required string Version { get; init; }

    /// <summary>The SHA-256 of <see cref="Content"/>, lower-case hex: the same version saved twice with different text is two rows.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The YAML or JSON text.</summary>
    public required string Content { get; init; }

    /// <summary>Where it was read from (a path), for people.</summary>
    public string? Source { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
