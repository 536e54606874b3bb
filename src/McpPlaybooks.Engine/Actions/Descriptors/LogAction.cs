using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class LogAction
{
    public static ActionDescriptor Descriptor { get; } = new("log", "Writes a line to the execution's log.")
    {
        Parameters =
        [
            Of("message", ParameterKind.String, "the line", required: true),
            Of("level", ParameterKind.String, "its level; info when absent") with { AllowedValues = ["debug", "info", "warning", "error"] },
        ],
        IsIdempotent = static _ => true,
        IsPure = true,
    };
}
