namespace McpPlaybooks.Engine.Memory;

/// <summary>What a <see cref="SearchHit"/> found.</summary>
public enum SearchHitKind
{
    Note,
    ErrorPattern,
}
