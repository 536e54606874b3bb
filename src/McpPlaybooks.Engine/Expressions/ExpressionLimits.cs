namespace McpPlaybooks.Engine.Expressions;

/// <summary>The bounds that keep parsing and evaluation cheap and safe.</summary>
public static class ExpressionLimits
{
    /// <summary>The longest expression text, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The deepest nesting of parentheses, brackets, calls and operators; also the deepest JSON that <c>fromJson</c> reads.</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest string an evaluation may produce, and the longest text <c>fromJson</c> reads.</summary>
    public const int MaxStringLength = 1_048_576;

    /// <summary>The most work units (node visits, list elements compared) one evaluation may spend.</summary>
    public const int MaxEvaluationSteps = 10_000;

    /// <summary>The deepest nesting of lists and objects inside one <see cref="Value"/>.</summary>
    public const int MaxValueDepth = 128;
}
