namespace McpPlaybooks.Engine.Memory;

/// <summary>The bounds of a <see cref="LearningNote"/>, checked by <see cref="LearningMemory.RecordNoteAsync"/>.</summary>
public static class NoteLimits
{
    public const int MaxTextLength = 4000;

    public const int MaxTags = 10;

    public const int MaxTagLength = 50;

    public const int MaxAuthorLength = 200;
}
