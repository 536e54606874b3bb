using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class EventAction
{
    public static ActionDescriptor Descriptor { get; } = new("event", "Waits for an external event, delivered as a signal.")
    {
        Parameters =
        [
            Of("type", ParameterKind.String, "the event type to wait for", required: true),
            Of("correlation", ParameterKind.String, "a value the event must carry"),
            Of("timeout", ParameterKind.Duration, "how long to wait"),
        ],
        Outputs = ["payload", "type", "correlation", "sent_by"],
    };
}
