namespace McpPlaybooks.Server.Approvals.Review;

/// <summary>What a gated step will do: its action, how many iterations, the action's description, its rendered arguments (masked, indented JSON; null when none).</summary>
internal sealed record GatePlanView(string Action, int? Iterations, IReadOnlyList<string> Description, string? Arguments);
