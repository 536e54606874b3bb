using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>
/// An approval gate's <c>notify:</c>: where to post the gate's one-time approval link when it opens, in the shapes of the
/// <c>notify</c> action (a Slack-style or generic webhook). The text is followed by the link.
/// </summary>
public sealed record ApprovalNotifyDefinition
{
    /// <summary>The webhook URL, usually <c>{{ secrets.NAME }}</c>.</summary>
    public required ValueTemplate Webhook { get; init; }

    /// <summary>What comes before the link; null: <c>Approve STEP of PLAYBOOK?</c>.</summary>
    public ValueTemplate? Text { get; init; }

    /// <summary><c>slack</c> (the default) or <c>generic</c>.</summary>
    public string Format { get; init; } = "slack";

    public MappingNode? Node { get; init; }
}
