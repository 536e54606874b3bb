namespace McpPlaybooks.Engine.Expressions.Nodes;

internal static class ComparisonOperatorExtensions
{
    public static string ToSymbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };
}
