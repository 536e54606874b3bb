using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>upper(text)</c>, invariant; the upper case of a secret is masked too.</summary>
internal sealed class UpperFunction() : ExpressionFunction("upper", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var text = EvaluateText(arguments[0], ref context, out var taint);
        return Value.From(EvaluationContext.CheckLength(text.ToUpperInvariant(), column, "the result of upper()"))
            .WithTaint(taint?.Map(static f => f.ToUpperInvariant()));
    }
}
