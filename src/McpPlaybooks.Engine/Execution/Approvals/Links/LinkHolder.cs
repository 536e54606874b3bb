namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>
/// Who a link is issued for: the identity recorded for its decision (<c>alice</c>, <c>cli:bob</c>), with the verified name
/// and roles a gate's approvers may match. A link issued for no holder is recorded as <c>link</c>.
/// </summary>
public sealed record LinkHolder(string Identity, string? Name = null, IReadOnlyList<string>? Roles = null);
