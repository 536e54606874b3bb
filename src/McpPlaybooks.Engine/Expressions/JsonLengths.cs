using System.Globalization;

namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// How long a value's JSON is before it is written (<see cref="Value.JsonLength"/>), and the bound on turning a list or
/// an object into text: a list that holds another twice, forty times over, is terabytes as text though small in memory.
/// </summary>
internal static class JsonLengths
{
    /// <summary>Where counting stops: far over any limit, and two of it still fit in a <see cref="long"/>.</summary>
    public const long Cap = long.MaxValue / 4;

    public static long Add(long total, long more) => Math.Min(Cap, total + Math.Min(Cap, more));

    /// <summary>The value's compact JSON as a template inserts it; fails, without writing it, past <see cref="ExpressionLimits.MaxStringLength"/>.</summary>
    public static string Text(Value value, string what) =>
        value.ToJson(ExpressionLimits.MaxStringLength) ?? throw TooLong($"{what} as text", value, column: 0);

    /// <summary>The error for a value whose JSON would pass <see cref="ExpressionLimits.MaxStringLength"/>; column 0 is filled in by the caller.</summary>
    public static ExpressionEvaluationException TooLong(string what, Value value, int column) => new(
        string.Create(CultureInfo.InvariantCulture,
            $"{what} is longer than {ExpressionLimits.MaxStringLength:N0} characters (at least {value.JsonLength:N0} as JSON); ")
        + "build it from fewer or smaller parts, or pass a part of it",
        column);

    /// <summary>Rethrows a <see cref="TooLong"/> error raised without a column at <paramref name="column"/>.</summary>
    public static T At<T>(Func<T> convert, int column)
    {
        try
        {
            return convert();
        }
        catch (ExpressionEvaluationException e) when (e.Column == 0)
        {
            throw new ExpressionEvaluationException(e.Detail, column, e);
        }
    }
}
