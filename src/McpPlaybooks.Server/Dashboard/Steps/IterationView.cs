namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>One iteration of a <c>foreach</c> step in its details: the state of its latest attempt and how many it took.</summary>
internal sealed record IterationView
{
    public required int Index { get; init; }

    public required string Status { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public StepErrorView? Error { get; init; }
}
