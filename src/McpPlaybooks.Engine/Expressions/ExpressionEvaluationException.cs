namespace McpPlaybooks.Engine.Expressions;

/// <summary>An expression that failed while being evaluated, such as comparing a list with a number.</summary>
public sealed class ExpressionEvaluationException : Exception
{
    public ExpressionEvaluationException(string detail, int column)
        : this(detail, column, innerException: null)
    {
    }

    public ExpressionEvaluationException(string detail, int column, Exception? innerException)
        : base($"Column {column}: {detail}", innerException)
    {
        Detail = detail;
        Column = column;
    }

    /// <summary>The 1-based column, within the evaluated text, of the operator, function or name that failed.</summary>
    public int Column { get; }

    /// <summary>What went wrong, without the column prefix.</summary>
    public string Detail { get; }
}
