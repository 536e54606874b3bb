using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class WaitAction
{
    public static ActionDescriptor Descriptor { get; } = new("wait", "Sleeps for a duration; survives a restart.")
    {
        Parameters = [Of("duration", ParameterKind.Duration, "how long to wait, such as 30s", required: true)],
        IsIdempotent = static _ => true,
    };
}
