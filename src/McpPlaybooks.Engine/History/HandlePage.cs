using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History;

/// <summary>One page of handles, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record HandlePage(IReadOnlyList<ExecutionHandleRecord> Handles, string? NextCursor);
