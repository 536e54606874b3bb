using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class PlaybookAction
{
    /// <summary>How deep child executions may nest.</summary>
    public const int MaxDepth = 5;

    /// <summary>Why a child execution of <paramref name="playbookId"/> may not start at <paramref name="depth"/>; null when it may.</summary>
    public static string? TooDeep(string playbookId, int depth) => depth > MaxDepth
        ? $"playbook: child executions nest at most {MaxDepth} deep; starting '{playbookId}' here would make depth {depth}. Flatten the chain of playbooks"
        : null;

    public static ActionDescriptor Descriptor { get; } = new("playbook", "Runs another playbook as a child execution.")
    {
        Parameters =
        [
            Of("id", ParameterKind.String, "the child playbook's id", required: true),
            Of("version", ParameterKind.String, "a version of it; the active one when absent"),
            Of("inputs", ParameterKind.Map, "the child's inputs"),
        ],
        Outputs = ["execution_id"],
    };
}
