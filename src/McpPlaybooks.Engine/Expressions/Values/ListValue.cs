using System.Collections.ObjectModel;
using System.Text.Json;

namespace McpPlaybooks.Engine.Expressions.Values;

internal sealed class ListValue : Value
{
    public static readonly ListValue Empty = new([], depth: 1, tainted: false, jsonLength: 2);

    private readonly int _depth;
    private readonly long _jsonLength;
    private ReadOnlyCollection<Value>? _readOnly;

    private readonly bool _tainted;

    private ListValue(Value[] items, int depth, bool tainted, long jsonLength)
    {
        _jsonLength = jsonLength;
        Items = items;
        _depth = depth;
        _tainted = tainted;
    }

    /// <summary>The items; never mutated after construction.</summary>
    public Value[] Items { get; }

    public override ValueKind Kind => ValueKind.List;

    public override bool IsTruthy => true;

    internal override int Depth => _depth;

    internal override long JsonLength => _jsonLength;

    public static ListValue Create(IEnumerable<Value> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items is Value[] given ? (Value[])given.Clone() : items.ToArray();
        return CreateOwned(array);
    }

    /// <summary>Wraps an array the caller gives up; null items become null values.</summary>
    public static ListValue CreateOwned(Value[] items)
    {
        if (items.Length == 0)
        {
            return Empty;
        }

        var childDepth = 0;
        var tainted = false;
        var jsonLength = 1L + items.Length; // the brackets and the commas
        for (var i = 0; i < items.Length; i++)
        {
            items[i] ??= NullValue.Instance;
            childDepth = Math.Max(childDepth, items[i].Depth);
            tainted |= items[i].IsTainted;
            jsonLength = JsonLengths.Add(jsonLength, items[i].JsonLength);
        }

        if (childDepth >= ExpressionLimits.MaxValueDepth)
        {
            throw new ArgumentException(
                $"The value nests deeper than {ExpressionLimits.MaxValueDepth} levels.", nameof(items));
        }

        return new ListValue(items, childDepth + 1, tainted, jsonLength);
    }

    internal override bool IsTainted => _tainted;

    internal override Taint? CollectTaint() => _tainted ? Expressions.Taint.Gather(Items) : null;

    internal override Value AsSecret(DerivedSecrets sink) => CreateOwned([.. Items.Select(i => i.AsSecret(sink))]);

    internal override Value Adopt(DerivedSecrets sink) => _tainted ? CreateOwned([.. Items.Select(i => i.Adopt(sink))]) : this;

    public override IReadOnlyList<Value> AsList() => _readOnly ??= Array.AsReadOnly(Items);

    public override string ToDisplayString() => JsonLengths.Text(this, "a list");

    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var item in Items)
        {
            item.WriteJson(writer);
        }

        writer.WriteEndArray();
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Items.Length);
        for (var i = 0; i < Items.Length && i < 8; i++)
        {
            hash.Add(Items[i].GetHashCode());
        }

        return hash.ToHashCode();
    }

    private protected override bool EqualsSameKind(Value other)
    {
        var otherItems = ((ListValue)other).Items;
        if (otherItems.Length != Items.Length)
        {
            return false;
        }

        for (var i = 0; i < Items.Length; i++)
        {
            if (!Items[i].Equals(otherItems[i]))
            {
                return false;
            }
        }

        return true;
    }
}
