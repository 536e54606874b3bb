using McpPlaybooks.Server.Dashboard.Steps;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>One step of the one-execution page: its state, and from the playbook its action and the steps it needs (the graph's edges).</summary>
internal sealed record StepView
{
    public required string Id { get; init; }

    /// <summary>The status in snake case: <c>waiting_approval</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The action; null when the playbook version is no longer in the catalogue.</summary>
    public string? Action { get; init; }

    public IReadOnlyList<string> Needs { get; init; } = [];

    public int Attempts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why it failed: the category, then the message (already masked by the engine).</summary>
    public string? Error { get; init; }

    /// <summary>A <c>foreach</c> step's iterations counted by state (the graph folds them into its node); null for other steps.</summary>
    public IterationCounts? Iterations { get; init; }
}
