using System.Text.Json;
using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>fromJson(text)</c>: parses JSON text, at most <see cref="ExpressionLimits.MaxStringLength"/> characters and <see cref="ExpressionLimits.MaxDepth"/> levels deep. What it reads out of a secret-derived text keeps the taint of the part it came from.</summary>
internal sealed class FromJsonFunction() : ExpressionFunction("fromJson", 1, 1)
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = ExpressionLimits.MaxDepth };

    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var text = EvaluationContext.CheckLength(EvaluateText(arguments[0], ref context, out var taint), column, "the text given to fromJson()");
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            var value = Value.FromJson(document.RootElement);
            return taint is null ? value : taint.Within(value);
        }
        catch (JsonException ex)
        {
            throw new ExpressionEvaluationException($"fromJson() was given text that is not valid JSON: {ex.Message}", column, ex);
        }
    }
}
