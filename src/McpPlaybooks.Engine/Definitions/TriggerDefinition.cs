using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>Which incidents a playbook answers. Empty lists match anything.</summary>
public sealed record TriggerDefinition
{
    public IReadOnlyList<string> Severity { get; init; } = [];

    public IReadOnlyList<string> Type { get; init; } = [];

    public IReadOnlyList<string> Source { get; init; } = [];

    public IReadOnlyList<string> Service { get; init; } = [];

    /// <summary>An exact root cause or a glob (<c>*</c>, <c>?</c>).</summary>
    public string? RootCause { get; init; }

    public double? MinConfidence { get; init; }

    public MappingNode? Node { get; init; }
}
