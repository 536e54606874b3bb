using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class PlaybookAction
{
    /// <summary>How deep child executions may nest.</summary>
    public const int MaxDepth = 5;

    /// <summary>
    /// Why a child execution of <paramref name="playbookId"/> may not start at <paramref name="depth"/>; null when it may.
    /// <paramref name="chain"/> names the playbooks and steps that led there, root first, when known.
    /// </summary>
    public static string? TooDeep(string playbookId, int depth, string? chain = null) => depth > MaxDepth
        ? $"playbook: child executions nest at most {MaxDepth} deep; starting '{playbookId}' here would make depth {depth}"
            + (chain is null ? ". Flatten the chain of playbooks" : $": {chain} → {playbookId}. A chain of playbooks that starts itself again ends only by a when: on the way; give the step that recurses one that stops within {MaxDepth} levels, or flatten the chain")
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
