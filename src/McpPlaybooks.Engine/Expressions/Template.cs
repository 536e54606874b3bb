using System.Diagnostics.CodeAnalysis;
using System.Text;
using McpPlaybooks.Engine.Expressions.Parsing;

namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// A string with <c>{{ expr }}</c> segments, such as <c>Restart {{ inputs.service }}?</c>. A template that
/// is one expression and nothing else (but whitespace) renders to the expression's value with its type;
/// any other template renders to a string.
/// </summary>
public sealed class Template
{
    private readonly string[] _literals;
    private readonly Value? _constant;

    private Template(string text, string[] literals, TemplateExpression[] expressions)
    {
        Text = text;
        _literals = literals;
        Expressions = expressions;
        IsSingleExpression = expressions.Length == 1
            && string.IsNullOrWhiteSpace(literals[0]) && string.IsNullOrWhiteSpace(literals[1]);
        _constant = expressions.Length == 0 ? Value.From(text) : null;
    }

    public string Text { get; }

    public bool HasExpressions => Expressions.Count > 0;

    /// <summary>True when the text, ignoring surrounding whitespace, is exactly one <c>{{ expr }}</c>.</summary>
    public bool IsSingleExpression { get; }

    public IReadOnlyList<TemplateExpression> Expressions { get; }

    /// <summary>The text around the expressions, one more than <see cref="Expressions"/>: <c>Literals[i]</c> comes before <c>Expressions[i]</c>.</summary>
    public IReadOnlyList<string> Literals => _literals;

    /// <summary>Parses a template; errors carry the column within the whole template text.</summary>
    public static Template Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = TemplateScanner.Scan(text);
        var literals = new string[segments.Count + 1];
        var expressions = new TemplateExpression[segments.Count];
        var literalStart = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            literals[i] = text[literalStart..segment.OpenIndex];
            var expressionText = text.Substring(segment.ExpressionStart, segment.ExpressionLength);
            expressions[i] = new TemplateExpression(
                Expression.Parse(expressionText, segment.ExpressionStart), segment.ExpressionStart);
            literalStart = segment.CloseIndex + 2;
        }

        literals[segments.Count] = text[literalStart..];
        return new Template(text, literals, expressions);
    }

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out Template? template,
        [NotNullWhen(false)] out ExpressionSyntaxException? error)
    {
        try
        {
            template = Parse(text);
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException ex)
        {
            template = null;
            error = ex;
            return false;
        }
    }

    /// <summary>
    /// A single expression renders to its value as-is; otherwise the literal text with each value's
    /// <see cref="Value.ToDisplayString"/>. Error columns are within the template text.
    /// </summary>
    public Value Render(IExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_constant is not null)
        {
            return _constant;
        }

        if (IsSingleExpression)
        {
            return Evaluate(Expressions[0], scope);
        }

        var builder = new StringBuilder(Text.Length + 32);
        Taint? taint = null;
        for (var i = 0; i < Expressions.Count; i++)
        {
            builder.Append(_literals[i]);
            var item = Expressions[i];
            var value = Evaluate(item, scope);
            taint = Taint.Union(taint, value.CollectTaint());
            builder.Append(JsonLengths.At(value.ToDisplayString, item.Offset + 1));
            if (builder.Length > ExpressionLimits.MaxStringLength)
            {
                throw new ExpressionEvaluationException(
                    $"the rendered text is longer than {ExpressionLimits.MaxStringLength} characters", item.Offset + 1);
            }
        }

        builder.Append(_literals[^1]);
        return Value.From(builder.ToString()).WithTaint(taint); // the text holds the secret-derived texts of its parts
    }

    /// <summary>
    /// The text each expression renders to in a template of several parts (its value's <see cref="Value.ToDisplayString"/>),
    /// in order: with <see cref="Literals"/>, where each value lands in what <see cref="Render"/> makes.
    /// </summary>
    public IReadOnlyList<string> RenderParts(IExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return [.. Expressions.Select(item => JsonLengths.At(Evaluate(item, scope).ToDisplayString, item.Offset + 1))];
    }

    public override string ToString() => Text;

    private static Value Evaluate(TemplateExpression item, IExpressionScope scope)
    {
        try
        {
            return item.Expression.Evaluate(scope);
        }
        catch (ExpressionEvaluationException ex)
        {
            throw new ExpressionEvaluationException(ex.Detail, item.Offset + ex.Column, ex);
        }
    }
}
