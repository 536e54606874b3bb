namespace McpPlaybooks.Engine.Definitions;

/// <summary>Defaults that apply to every step unless the step says otherwise.</summary>
public sealed record DefaultsDefinition
{
    public static DefaultsDefinition None { get; } = new();

    public TimeSpan? Timeout { get; init; }

    public RetryDefinition? Retry { get; init; }
}
