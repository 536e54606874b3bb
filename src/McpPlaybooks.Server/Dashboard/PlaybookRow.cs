namespace McpPlaybooks.Server.Dashboard;

/// <summary>One playbook of the catalogue page: its latest version, every version with its status, and a line of its track record.</summary>
internal sealed record PlaybookRow
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The latest version.</summary>
    public required string Version { get; init; }

    /// <summary>The latest version's lifecycle status.</summary>
    public required string Status { get; init; }

    public string? Description { get; init; }

    /// <summary>Highest first.</summary>
    public required IReadOnlyList<PlaybookVersionView> Versions { get; init; }

    public int Steps { get; init; }

    /// <summary>The validator's warnings on the latest version (it is valid: it is in the catalogue).</summary>
    public int Warnings { get; init; }

    /// <summary>Files with this id left out as invalid.</summary>
    public int InvalidFiles { get; init; }

    /// <summary>Finished real executions (the learning memory's count).</summary>
    public int Runs { get; init; }

    public double? SuccessRate { get; init; }
}
