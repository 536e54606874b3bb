using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// What <c>/ui/api/insights?days=</c> answers, all from the learning memory's aggregates (and the breakers' state now):
/// per playbook over the last <see cref="Days"/> UTC days (totals, error categories, one point per day with runs); then,
/// over all of the history, flaky steps, error patterns, targets whose breaker refused calls, and recommendations.
/// </summary>
internal sealed record InsightsData
{
    /// <summary>Whether executions are folded into the memory at all (off: every list is empty).</summary>
    public bool LearningMemory { get; init; }

    public int Days { get; init; }

    /// <summary>Midnight UTC of the first day counted.</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>Midnight UTC of today.</summary>
    public DateTimeOffset Today { get; init; }

    /// <summary>Most runs first.</summary>
    public IReadOnlyList<PlaybookTrend> Playbooks { get; init; } = [];

    /// <summary>Failed attempts by error category over the days, all playbooks together.</summary>
    public IReadOnlyList<CategoryView> ErrorCategories { get; init; } = [];

    public IReadOnlyList<FlakyStep> FlakySteps { get; init; } = [];

    public IReadOnlyList<PatternView> ErrorPatterns { get; init; } = [];

    /// <summary>Breakers not closed now.</summary>
    public IReadOnlyList<BreakerSnapshot> OpenBreakers { get; init; } = [];

    /// <summary>Targets whose open breaker refused calls in the past.</summary>
    public IReadOnlyList<RefusedTargetView> RefusedTargets { get; init; } = [];

    public IReadOnlyList<RecommendationView> Recommendations { get; init; } = [];
}
