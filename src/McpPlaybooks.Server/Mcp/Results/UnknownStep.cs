using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Server.Mcp.Results;

/// <summary>
/// "Execution 'X' has no step 'Y' (did you mean 'Z'?). Its steps are: a, b.": what a caller who named a step an execution
/// does not have is told, by the dashboard's step endpoint and <c>get_execution_logs</c> alike. The caller's text is cut to
/// <see cref="OutputBounds.MaxEcho"/>, the list to <see cref="MaxListed"/> steps.
/// </summary>
internal static class UnknownStep
{
    public const int MaxListed = 30;

    public static string Message(string executionId, string stepId, IReadOnlyList<string> steps)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        ArgumentNullException.ThrowIfNull(steps);
        var hint = Suggestions.DidYouMean(stepId, steps);
        var listed = string.Join(", ", steps.Take(MaxListed)) + (steps.Count > MaxListed ? $", … ({steps.Count} in all)" : "");
        return $"Execution '{executionId}' has no step '{OutputBounds.Echo(stepId)}'{(hint.Length > 0 ? $" ({hint})" : "")}. Its steps are: {listed}.";
    }
}
