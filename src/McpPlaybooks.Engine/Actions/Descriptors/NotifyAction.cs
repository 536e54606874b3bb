using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class NotifyAction
{
    public static ActionDescriptor Descriptor { get; } = new("notify", "Posts a message to a Slack-style or generic webhook.")
    {
        Parameters =
        [
            Of("webhook", ParameterKind.String, "the webhook URL, usually {{ secrets.NAME }}", required: true),
            Of("text", ParameterKind.String, "the message", required: true),
            Of("format", ParameterKind.String, "the payload shape; slack when absent") with { AllowedValues = ["slack", "generic"] },
            HttpAction.AllowUrlSyntax,
        ],
        Outputs = ["status"],
    };
}
