namespace McpPlaybooks.Engine.Expressions;

/// <summary>An expression or template that cannot be parsed. <see cref="Column"/> is 1-based within the parsed text.</summary>
public sealed class ExpressionSyntaxException : Exception
{
    public ExpressionSyntaxException(string detail, int column)
        : base($"Column {column}: {detail}")
    {
        Detail = detail;
        Column = column;
    }

    /// <summary>The 1-based column of the problem within the parsed text.</summary>
    public int Column { get; }

    /// <summary>What is wrong and what was expected, without the column prefix.</summary>
    public string Detail { get; }
}
