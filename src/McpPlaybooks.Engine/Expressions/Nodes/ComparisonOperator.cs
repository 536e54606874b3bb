namespace McpPlaybooks.Engine.Expressions.Nodes;

internal enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
