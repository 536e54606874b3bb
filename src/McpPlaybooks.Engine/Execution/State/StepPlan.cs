using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>A dry run's account of a step: whether it would run, what it would do, how many times, behind which gate.</summary>
public sealed record StepPlan
{
    public required bool WouldRun { get; init; }

    /// <summary>Why it would not run (its <c>when</c> is false, an upstream step would not run), or null.</summary>
    public string? Reason { get; init; }

    public required string Action { get; init; }

    /// <summary>What the action would do, in one sentence per iteration (masked).</summary>
    public IReadOnlyList<string> Description { get; init; } = [];

    /// <summary>The rendered arguments (masked); for a loop, those of its first iteration.</summary>
    public Value Arguments { get; init; } = Value.Null;

    /// <summary>How many targets a <c>foreach</c> would touch; null outside a loop.</summary>
    public int? Iterations { get; init; }

    /// <summary>The approval gate before it, when there is one.</summary>
    public PendingApproval? Gate { get; init; }

    /// <summary>What its rollback would do, when it has one.</summary>
    public IReadOnlyList<string> Rollback { get; init; } = [];

    /// <summary>Its post-conditions.</summary>
    public IReadOnlyList<string> Verify { get; init; } = [];

    /// <summary>What would fail in a real run, and why (a secret not set, a missing playbook, an expression that cannot be evaluated).</summary>
    public IReadOnlyList<string> WouldFail { get; init; } = [];

    /// <summary>Notes on what could not be known without running (a template that needs an upstream output).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
