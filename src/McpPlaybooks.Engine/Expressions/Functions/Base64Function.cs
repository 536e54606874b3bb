using System.Text;
using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>base64(text)</c>: the standard base64 of the text's UTF-8 bytes, padded; the base64 of a secret is a secret.</summary>
internal sealed class Base64Function() : ExpressionFunction("base64", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var text = EvaluateText(arguments[0], ref context, out var taint);
        var encoded = EvaluationContext.CheckLength(
            Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), column, "the result of base64()");
        return Value.From(encoded).WithTaint(taint?.With(encoded));
    }
}
