namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// How the nesting limit of a value (<see cref="ExpressionLimits.MaxValueDepth"/> levels of lists and objects) is told to
/// the author, wherever it is found: validation, a variable, a step's <c>with</c>, a loop's combined output.
/// </summary>
public static class ValueDepth
{
    /// <summary>What to do about a value that nests too deep.</summary>
    public const string Advice = "flatten it, or keep the deep part as JSON text (toJson) and read it back with fromJson where it is needed";

    /// <summary>The error for <paramref name="what"/> (such as "the list") that would nest deeper than the limit.</summary>
    public static string TooDeep(string what) =>
        $"{what} would nest deeper than {ExpressionLimits.MaxValueDepth} levels of lists and objects, the most a value may; {Advice}";
}
