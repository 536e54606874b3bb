using McpPlaybooks.Engine.Definitions.Templates;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>A step's <c>foreach</c>: an expression, or a literal list, of the items to run the step once for each.</summary>
public sealed record LoopDefinition
{
    /// <summary>The hard cap on iterations, whatever the playbook says.</summary>
    public const int MaxIterations = 1000;

    public BareExpression? Expression { get; init; }

    public ValueTemplate? Items { get; init; }

    /// <summary>How many iterations run at once.</summary>
    public int Concurrency { get; init; } = 1;
}
