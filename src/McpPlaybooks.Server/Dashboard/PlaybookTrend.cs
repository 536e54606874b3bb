namespace McpPlaybooks.Server.Dashboard;

/// <summary>One playbook on the insights page: its totals over the days shown, its error categories, and one point per day with runs.</summary>
internal sealed record PlaybookTrend
{
    public required string PlaybookId { get; init; }

    public int Runs { get; init; }

    public int Completed { get; init; }

    public int Failed { get; init; }

    public int Cancelled { get; init; }

    public int RolledBack { get; init; }

    public double? SuccessRate { get; init; }

    public double? P50Ms { get; init; }

    public double? P95Ms { get; init; }

    public IReadOnlyList<CategoryView> ErrorCategories { get; init; } = [];

    /// <summary>Oldest first; days without a finished run are left out.</summary>
    public IReadOnlyList<DayPoint> Points { get; init; } = [];
}
