namespace McpPlaybooks.Engine.Expressions;

/// <summary>Resolves the roots an expression refers to, such as <c>inputs</c>, <c>steps</c> or <c>item</c>.</summary>
public interface IExpressionScope
{
    /// <summary>Finds the value of a root; false when the root is not defined in this scope.</summary>
    bool TryGetRoot(string name, out Value value);
}
