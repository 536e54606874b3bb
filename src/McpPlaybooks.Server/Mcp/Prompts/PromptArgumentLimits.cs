using McpPlaybooks.Server.Mcp.Tools.Framework;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// How long a prompt's argument may be: an id (<see cref="PromptReferences.PlaybookArguments"/>,
/// <see cref="PromptReferences.ExecutionArgument"/>) as long as a tool's id, any other text (an incident, a goal) at most
/// <see cref="MaxText"/> characters.
/// </summary>
internal static class PromptArgumentLimits
{
    public const int MaxText = 4000;

    public static int MaxChars(string name) =>
        PromptReferences.PlaybookArguments.Contains(name, StringComparer.Ordinal) || name == PromptReferences.ExecutionArgument
            ? ToolParameter.ShortText
            : MaxText;
}
