using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Loading;

/// <summary>Turns document nodes into expression values, as written (no templates).</summary>
internal static class LiteralValues
{
    public static Value From(DocumentNode node) => node switch
    {
        MappingNode map => Value.From(map.Entries.Select(e => new KeyValuePair<string, Value>(e.Name, From(e.Value)))),
        SequenceNode list => Value.From(list.Items.Select(From)),
        ScalarNode scalar => FromScalar(scalar),
        _ => Value.Null,
    };

    private static Value FromScalar(ScalarNode scalar)
    {
        if (scalar.TryGetBoolean(out var boolean))
        {
            return Value.From(boolean);
        }

        if (scalar.TryGetNumber(out var number))
        {
            return Value.From(number);
        }

        return scalar.Type == ScalarType.Null ? Value.Null : Value.From(scalar.Text);
    }
}
