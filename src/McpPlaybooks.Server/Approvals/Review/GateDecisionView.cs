namespace McpPlaybooks.Server.Approvals.Review;

/// <summary>One decision on a gate as the pages list it: when (UTC), approve or reject, who, the channel, whether the channel shows a person, the comment.</summary>
internal sealed record GateDecisionView(string At, string Decision, string Who, string Channel, bool Verified, string? Comment);
