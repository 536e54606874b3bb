using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// A gate's message as it goes out (results, resources, the dashboard, links, questions, logs): masked, and at most
/// <see cref="MaxChars"/> characters, a cut marked. Values rendered into it (<c>{{ inputs.service }}</c>) are data a caller
/// chose, so a gate whose message has any also keeps its author's text (<see cref="TemplateOf"/>), which shows which part is data.
/// </summary>
internal static class GateMessage
{
    public const int MaxChars = 300;

    /// <summary><paramref name="text"/> masked, then cut to <see cref="MaxChars"/> with a marker saying how much was left out.</summary>
    public static string Bound(string text, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(masker);
        var masked = masker.Apply(text);
        if (masked.Length <= MaxChars)
        {
            return masked;
        }

        var head = masker.Head(masked, MaxChars);
        return string.Create(CultureInfo.InvariantCulture, $"{head}…[{masked.Length - head.Length} characters cut]");
    }

    /// <summary>
    /// The author's text of the step's gate message when values are rendered into it (a step's <c>approval.message</c> or
    /// the <c>approval</c> action's <c>with.message</c>), bounded as the message; null when the message has none.
    /// </summary>
    public static string? TemplateOf(StepDefinition step, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(step);
        var template = step.Approval is { } approval ? approval.Message : step.Action == "approval" ? step.With["message"] : null;
        return template is { IsLiteral: false, Node: ScalarNode scalar } ? Bound(scalar.Text, masker) : null;
    }
}
