using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>A playbook, as loaded: every field of the format, with templates and expressions compiled.</summary>
public sealed record PlaybookDefinition
{
    /// <summary>How many steps run at once when the playbook does not say.</summary>
    public const int DefaultConcurrency = 4;

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    public string? Description { get; init; }

    public string? Owner { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<TriggerDefinition> Triggers { get; init; } = [];

    /// <summary>The inputs, in document order.</summary>
    public IReadOnlyList<InputDefinition> Inputs { get; init; } = [];

    /// <summary>The variables, in document order; each may refer to inputs and to variables above it.</summary>
    public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Variables { get; init; } = [];

    public SafetyDefinition Safety { get; init; } = SafetyDefinition.None;

    public DefaultsDefinition Defaults { get; init; } = DefaultsDefinition.None;

    public IReadOnlyList<ErrorPatternDefinition> Errors { get; init; } = [];

    /// <summary>The limit of the whole execution.</summary>
    public TimeSpan? Timeout { get; init; }

    public int Concurrency { get; init; } = DefaultConcurrency;

    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    public FailurePolicy OnFailure { get; init; } = FailurePolicy.Stop;

    public IReadOnlyList<ActionCallDefinition> Finally { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Outputs { get; init; } = [];

    /// <summary>The document it was loaded from, for locating problems.</summary>
    public required MappingNode Node { get; init; }

    public InputDefinition? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);
}
