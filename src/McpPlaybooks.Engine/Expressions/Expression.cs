using System.Diagnostics.CodeAnalysis;
using McpPlaybooks.Engine.Expressions.Nodes;
using McpPlaybooks.Engine.Expressions.Parsing;

namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// A parsed expression, such as <c>steps.check.output.status != 200 || inputs.force</c>. Parse once,
/// evaluate many times; an instance is immutable and safe to evaluate from several threads.
/// </summary>
public sealed class Expression
{
    private readonly ExpressionNode _root;

    private Expression(string text, ParseResult parsed)
    {
        Text = text;
        _root = parsed.Root;
        References = parsed.References;
    }

    /// <summary>The text as given to <see cref="Parse"/>; columns are relative to it.</summary>
    public string Text { get; }

    /// <summary>Every reference to a root, in order of column.</summary>
    public IReadOnlyList<ExpressionReference> References { get; }

    /// <summary>True when the expression references no root, such as <c>1 == 1</c>: its value never changes.</summary>
    public bool IsConstant => References.Count == 0;

    /// <summary>Parses an expression; throws <see cref="ExpressionSyntaxException"/> with the column of the problem.</summary>
    public static Expression Parse(string text) => Parse(text, columnOffset: 0);

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out Expression? expression,
        [NotNullWhen(false)] out ExpressionSyntaxException? error)
    {
        try
        {
            expression = Parse(text);
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException ex)
        {
            expression = null;
            error = ex;
            return false;
        }
    }

    /// <summary>Evaluates against a scope; throws <see cref="ExpressionEvaluationException"/> with the column of the failing part.</summary>
    public Value Evaluate(IExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var context = new EvaluationContext(scope);
        return _root.Evaluate(ref context);
    }

    public override string ToString() => Text;

    /// <summary>Parses text that sits inside a larger text: error columns are shifted by <paramref name="columnOffset"/>.</summary>
    internal static Expression Parse(string text, int columnOffset) => new(text, Parser.Parse(text, columnOffset));
}
