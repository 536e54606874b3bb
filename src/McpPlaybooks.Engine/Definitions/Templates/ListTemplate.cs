using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions.Templates;

public sealed class ListTemplate(SequenceNode node, IReadOnlyList<ValueTemplate> items) : ValueTemplate(node)
{
    public IReadOnlyList<ValueTemplate> Items { get; } = items;

    public override bool IsLiteral => Items.All(item => item.IsLiteral);

    public override Value Render(IExpressionScope scope)
    {
        var values = new Value[Items.Count];
        var deepest = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Items[i].Render(scope);
            deepest = Math.Max(deepest, values[i].Depth);
        }

        CheckDepth(deepest, "the list");
        return Bounded(Value.From(values), "the list");
    }

    public override IEnumerable<ValueTemplate> DescendantsAndSelf() =>
        Items.SelectMany(item => item.DescendantsAndSelf()).Prepend(this);
}
