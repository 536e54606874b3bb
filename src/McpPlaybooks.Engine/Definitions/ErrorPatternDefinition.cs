using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>A playbook's own rule for classifying an error: a regex over the message, and its category.</summary>
public sealed record ErrorPatternDefinition(string Match, ErrorCategory Category)
{
    public string? Message { get; init; }

    public MappingNode? Node { get; init; }
}
