using System.Globalization;
using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The error of a <c>playbook</c> step whose child did not complete: the child, and the cause. When the child failed
/// because of its own child, the cause is the deepest one, with how many levels below it is, not each level's sentence in
/// turn: a chain 5 deep would otherwise put 600 characters of execution ids before the cause, and readers that cut a
/// long message (the CLI's lines, summaries) cut the cause.
/// </summary>
internal static partial class ChildFailure
{
    public static string Message(string childId, string playbookId, ExecutionStatus status, StepError? error)
    {
        var head = $"child execution {childId} ({playbookId}) ended {EnumNames.ToName(status)}";
        if (error is null)
        {
            return head;
        }

        var (levels, cause) = (0, error.Message);
        while (Nested().Match(cause) is { Success: true } nested)
        {
            levels += 1 + (nested.Groups["levels"].Success ? int.Parse(nested.Groups["levels"].Value, CultureInfo.InvariantCulture) : 0);
            cause = nested.Groups["cause"].Value;
        }

        return levels == 0 ? $"{head}: {cause}" : $"{head}, from a child {levels} level{(levels == 1 ? "" : "s")} below it: {cause}";
    }

    /// <summary>An execution's error that is its <c>playbook</c> step's, as <see cref="Message"/> words it.</summary>
    [GeneratedRegex(@"^step '[^']*' failed: child execution \S+ \([^)]*\) ended [a-z_]+(?:, from a child (?<levels>\d+) levels? below it)?: (?<cause>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Nested();
}
