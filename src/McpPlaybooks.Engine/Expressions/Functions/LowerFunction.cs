using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>lower(text)</c>, invariant; the lower case of a secret is masked too.</summary>
internal sealed class LowerFunction() : ExpressionFunction("lower", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var text = EvaluateText(arguments[0], ref context, out var taint);
        return Value.From(EvaluationContext.CheckLength(text.ToLowerInvariant(), column, "the result of lower()"))
            .WithTaint(taint?.Map(static f => f.ToLowerInvariant()));
    }
}
