namespace McpPlaybooks.Engine.Definitions;

public enum BackoffKind
{
    Fixed,
    Linear,
    Exponential,
}
