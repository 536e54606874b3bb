using System.Globalization;

namespace McpPlaybooks.Engine.Text;

/// <summary>The range of the integers a playbook may hold (64 bits), and how a value beyond it is reported.</summary>
public static class IntegerRange
{
    /// <summary>The range as messages print it.</summary>
    public static string Text { get; } = $"[{long.MinValue.ToString(CultureInfo.InvariantCulture)}, {long.MaxValue.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>Whether a whole number fits 64 bits (2^63 itself, long.MaxValue rounded as a double, does not).</summary>
    public static bool Contains(double value) => value >= -9.2233720368547758E18 && value < 9.2233720368547758E18;

    /// <summary>The end of a sentence about a value written as <paramref name="written"/>: "is X, outside the range of a 64-bit integer [...]".</summary>
    public static string Beyond(string written) => $"is {written}, outside the range of a 64-bit integer {Text}";
}
