namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// One answer of a <c>tasks/update</c>: the gate (<c>execution/step</c>) its key asks about, and the decision; null when
/// the person declined or cancelled the form (the gate goes on waiting).
/// </summary>
internal sealed record TaskAnswer(string Gate, string? Decision, string? Comment);
