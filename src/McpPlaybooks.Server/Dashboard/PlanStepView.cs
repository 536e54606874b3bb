namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// One step of a playbook's plan, a node of its graph: its action, the steps it needs (the edges), what decides whether it
/// runs, its gate, and, when a dry run of this exact version was recorded, what that dry run said it would do.
/// </summary>
internal sealed record PlanStepView
{
    public required string Id { get; init; }

    public required string Action { get; init; }

    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary><c>yes</c>, <c>no</c> (the dry run found its <c>when</c> false), or <c>if</c> (its <c>when</c> decides at run time).</summary>
    public required string WouldRun { get; init; }

    /// <summary>Its <c>when</c>, or the dry run's reason for not running it.</summary>
    public string? Condition { get; init; }

    /// <summary>What its <c>foreach</c> iterates over, and how many items the dry run found.</summary>
    public string? Foreach { get; init; }

    /// <summary>The approval gate before it, in words (<c>approval by oncall</c>); null without one.</summary>
    public string? Gate { get; init; }

    public bool Rollback { get; init; }

    /// <summary>The dry run's sentences: what the action would do (masked by the engine).</summary>
    public IReadOnlyList<string> Description { get; init; } = [];

    /// <summary>What the dry run found would fail, and why.</summary>
    public IReadOnlyList<string> WouldFail { get; init; } = [];
}
