using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>Decides the <see cref="ErrorCategory"/> of a failure (design §3, "Error categories").</summary>
public static class ErrorCategorizer
{
    public static ErrorCategory Categorize(Exception error, IReadOnlyList<ErrorPatternDefinition> patterns) =>
        throw new NotImplementedException("issue #3: the resilience helper fills this in");
}
