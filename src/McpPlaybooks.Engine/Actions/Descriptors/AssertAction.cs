using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class AssertAction
{
    public static ActionDescriptor Descriptor { get; } = new("assert", "Fails the step (category validation) unless an expression holds.")
    {
        Parameters =
        [
            Of("that", ParameterKind.Expression, "a bare expression that must be true", required: true),
            Of("message", ParameterKind.String, "the error when it is not"),
        ],
        IsIdempotent = static _ => true,
        IsPure = true,
    };
}
