using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions.Templates;

/// <summary>A mapping whose values are templates; keys are literal.</summary>
public sealed class ObjectTemplate(MappingNode node, IReadOnlyList<KeyValuePair<string, ValueTemplate>> properties) : ValueTemplate(node)
{
    private readonly Dictionary<string, ValueTemplate> _byName = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static ObjectTemplate Empty { get; } = new(new MappingNode(SourceLocation.Unknown, "", []), []);

    public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Properties { get; } = properties;

    public MappingNode Mapping { get; } = node;

    public override bool IsLiteral => Properties.All(p => p.Value.IsLiteral);

    public ValueTemplate? this[string name] => _byName.GetValueOrDefault(name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public override Value Render(IExpressionScope scope)
    {
        var values = new KeyValuePair<string, Value>[Properties.Count];
        var deepest = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new(Properties[i].Key, Properties[i].Value.Render(scope));
            deepest = Math.Max(deepest, values[i].Value.Depth);
        }

        CheckDepth(deepest, "the object");
        return Bounded(Value.From(values), "the object");
    }

    public override IEnumerable<ValueTemplate> DescendantsAndSelf() =>
        Properties.SelectMany(p => p.Value.DescendantsAndSelf()).Prepend(this);
}
