using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// What <c>/ui/api/executions/{id}/steps/{step}</c> answers: one step's state, its output (masked by the engine, bounded as
/// tools bound it), its error with the category, its attempts, and a loop's iterations.
/// </summary>
internal sealed record StepDetail
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public string? Action { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The output as get_execution gives it; null before the step produced one.</summary>
    public JsonNode? Output { get; init; }

    public StepErrorView? Error { get; init; }

    public IReadOnlyList<AttemptView> Attempts { get; init; } = [];

    /// <summary>A loop's counts; null for a step that is not a loop.</summary>
    public IterationCounts? IterationCounts { get; init; }

    public IReadOnlyList<IterationView> Iterations { get; init; } = [];
}
