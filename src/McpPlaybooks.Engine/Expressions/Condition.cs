namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// What a <c>when</c> decides from its value. true and false stand for themselves, null is false (nothing there), a
/// number is false when 0, a list or a mapping is true (even empty: test <c>length(x) &gt; 0</c>). Text is a condition
/// only when it reads as one: <c>true</c> or <c>false</c> in any case (spaces around ignored), as a boolean rendered into
/// text reads (<c>"{{ inputs.flag }}"</c> of a string input), or empty (false). Any other text (<c>yes</c>, <c>no</c>,
/// <c>0</c>, a command's output) is not true or false, so the step fails rather than guess.
/// </summary>
public static class Condition
{
    /// <summary>
    /// Why <paramref name="value"/> is not a condition, as the end of a sentence that starts with the <c>when</c>
    /// (<c>gave the text 'yes', which is neither true nor false …</c>); null when it is one, and then
    /// <see cref="Value.IsTruthy"/> decides.
    /// </summary>
    public static string? Problem(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Kind != ValueKind.String || IsBooleanText(value.AsString()))
        {
            return null;
        }

        var shown = value.IsTainted ? "" : $" '{Text.Echo.Of(value.AsString())}'";
        return $"gave the text{shown}, which is neither true nor false (only the texts 'true' and 'false' are, in any case): "
            + "compare the text instead (x == 'yes'), or give the input 'type: boolean'";
    }

    /// <summary>Empty, or a <see cref="IsBooleanWord">boolean word</see>: the texts a condition reads as false or true.</summary>
    internal static bool IsBooleanText(string text) => text.Length == 0 || IsBooleanWord(text);

    /// <summary><c>true</c> or <c>false</c> in any case, with spaces around: what a boolean rendered into text reads.</summary>
    internal static bool IsBooleanWord(string text) => IsFalseText(text) || text.AsSpan().Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text <c>false</c>, in any case, with spaces around.</summary>
    internal static bool IsFalseText(string text) => text.AsSpan().Trim().Equals("false", StringComparison.OrdinalIgnoreCase);
}
