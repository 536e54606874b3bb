using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Memory;

/// <summary>How many failed attempts met an error category.</summary>
public sealed record CategoryCount(ErrorCategory Category, int Count);
