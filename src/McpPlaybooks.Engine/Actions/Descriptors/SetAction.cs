namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class SetAction
{
    public static ActionDescriptor Descriptor { get; } = new("set", "Computes values; its output is the map it was given, rendered.")
    {
        AcceptsAnyParameters = true,
        IsIdempotent = static _ => true,
        IsPure = true,
    };
}
