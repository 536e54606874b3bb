namespace McpPlaybooks.Engine.Documents;

/// <summary>Bounds on what a playbook document may cost to read, so that a hostile file cannot exhaust the process.</summary>
public static class DocumentLimits
{
    /// <summary>The largest document read, in characters.</summary>
    public const int MaxCharacters = 1_048_576;

    /// <summary>The most nodes a document may hold, counting each use of an alias in full.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>The deepest nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;
}
