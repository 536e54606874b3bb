namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>
/// A gate's <c>notify:</c>, rendered when the gate was reached: where to post its link. <see cref="Webhook"/> is secret
/// (a Slack webhook's path is its credential): it is never recorded or shown beyond its host.
/// </summary>
public sealed record GateNotice(string Webhook, string Format, string? Text);
