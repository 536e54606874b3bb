using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions.Templates;

/// <summary>
/// A value from a playbook, compiled once at load: literals stay literals, strings with
/// <c>{{ }}</c> become templates, bare-expression parameters become expressions.
/// Rendering it against a scope gives the <see cref="Value"/> an action receives.
/// </summary>
public abstract class ValueTemplate(DocumentNode node)
{
    /// <summary>Where the value was written.</summary>
    public DocumentNode Node { get; } = node;

    /// <summary>True when rendering needs no scope: nothing in it refers to anything.</summary>
    public abstract bool IsLiteral { get; }

    public abstract Value Render(IExpressionScope scope);

    /// <summary>
    /// A list or object built from templates, refused when its JSON would pass <see cref="ExpressionLimits.MaxStringLength"/>
    /// (each item may hold the one before it twice over: small in memory, but no text could ever show it).
    /// </summary>
    private protected static Value Bounded(Value built, string what) =>
        built.JsonLength <= ExpressionLimits.MaxStringLength ? built : throw JsonLengths.TooLong(what, built, column: 1);

    /// <summary>
    /// Refuses a list or object whose deepest item nests <paramref name="deepestItem"/> levels when it would pass
    /// <see cref="ExpressionLimits.MaxValueDepth"/>, as an evaluation error (the step's or variable's failure), before it is built.
    /// </summary>
    private protected static void CheckDepth(int deepestItem, string what)
    {
        if (deepestItem >= ExpressionLimits.MaxValueDepth)
        {
            throw new ExpressionEvaluationException(ValueDepth.TooDeep(what), column: 1);
        }
    }

    /// <summary>This template and every template nested in it, depth first.</summary>
    public virtual IEnumerable<ValueTemplate> DescendantsAndSelf()
    {
        yield return this;
    }
}
