using System.Text.Json;

namespace McpPlaybooks.Engine.Expressions.Values;

internal sealed class ObjectValue : Value
{
    /// <summary>Up to this many properties a lookup scans the entries; above it a dictionary indexes them.</summary>
    private const int LinearScanLimit = 8;

    public static readonly ObjectValue Empty = new([], index: null, depth: 1);

    private readonly Dictionary<string, int>? _index;
    private readonly long _jsonLength;
    private readonly int _depth;
    private ObjectValueDictionary? _readOnly;

    private readonly bool _tainted;

    private ObjectValue(KeyValuePair<string, Value>[] entries, Dictionary<string, int>? index, int depth)
    {
        Entries = entries;
        _index = index;
        _depth = depth;
        _tainted = entries.Any(e => e.Value.IsTainted);
        _jsonLength = 1L + Math.Max(entries.Length, 1); // the braces and the commas
        foreach (var (key, value) in entries)
        {
            _jsonLength = JsonLengths.Add(_jsonLength, key.Length + 3L + value.JsonLength); // "key":
        }
    }

    /// <summary>The properties in their first-seen order; never mutated after construction.</summary>
    public KeyValuePair<string, Value>[] Entries { get; }

    public override ValueKind Kind => ValueKind.Object;

    public override bool IsTruthy => true;

    internal override int Depth => _depth;

    internal override long JsonLength => _jsonLength;

    public static ObjectValue Create(IEnumerable<KeyValuePair<string, Value>> props) => Create(props, bounded: true);

    /// <summary>
    /// An object of the engine's own that holds values as they are (an expression root such as <c>vars</c>, or a step's
    /// entry under <c>steps</c>), not bounded by <see cref="ExpressionLimits.MaxValueDepth"/>: what it holds is, each value
    /// on its own, and wrapping them adds only the root's own levels.
    /// </summary>
    public static ObjectValue CreateRoot(IEnumerable<KeyValuePair<string, Value>> props) => Create(props, bounded: false);

    private static ObjectValue Create(IEnumerable<KeyValuePair<string, Value>> props, bool bounded)
    {
        ArgumentNullException.ThrowIfNull(props);
        var entries = new List<KeyValuePair<string, Value>>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var childDepth = 0;
        foreach (var (key, value) in props)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(props));
            var item = value ?? NullValue.Instance;
            childDepth = Math.Max(childDepth, item.Depth);
            if (positions.TryGetValue(key, out var position))
            {
                entries[position] = new(key, item);
            }
            else
            {
                positions.Add(key, entries.Count);
                entries.Add(new(key, item));
            }
        }

        if (entries.Count == 0)
        {
            return Empty;
        }

        if (bounded && childDepth >= ExpressionLimits.MaxValueDepth)
        {
            throw new ArgumentException(
                $"The value nests deeper than {ExpressionLimits.MaxValueDepth} levels.", nameof(props));
        }

        return new ObjectValue(entries.ToArray(), entries.Count > LinearScanLimit ? positions : null, childDepth + 1);
    }

    internal override bool IsTainted => _tainted;

    internal override Taint? CollectTaint() => _tainted ? Expressions.Taint.Gather(Entries.Select(e => e.Value)) : null;

    internal override Value AsSecret(DerivedSecrets sink) => Create(Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.AsSecret(sink))), bounded: false);

    internal override Value Adopt(DerivedSecrets sink) =>
        _tainted ? Create(Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.Adopt(sink))), bounded: false) : this;

    public override IReadOnlyDictionary<string, Value> AsObject() => _readOnly ??= new ObjectValueDictionary(this);

    public override bool TryGetProperty(string name, out Value value)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(name, out var position))
            {
                value = Entries[position].Value;
                return true;
            }
        }
        else
        {
            var entries = Entries;
            for (var i = 0; i < entries.Length; i++)
            {
                if (string.Equals(entries[i].Key, name, StringComparison.Ordinal))
                {
                    value = entries[i].Value;
                    return true;
                }
            }
        }

        value = NullValue.Instance;
        return false;
    }

    public override string ToDisplayString() => JsonLengths.Text(this, "an object");

    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (key, value) in Entries)
        {
            writer.WritePropertyName(key);
            value.WriteJson(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Independent of the order of the properties, as equality is.</summary>
    public override int GetHashCode()
    {
        var hash = Entries.Length;
        foreach (var (key, value) in Entries)
        {
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value.GetHashCode());
        }

        return hash;
    }

    /// <summary>The same keys with equal values, in any order.</summary>
    private protected override bool EqualsSameKind(Value other)
    {
        var that = (ObjectValue)other;
        if (that.Entries.Length != Entries.Length)
        {
            return false;
        }

        foreach (var (key, value) in Entries)
        {
            if (!that.TryGetProperty(key, out var otherValue) || !value.Equals(otherValue))
            {
                return false;
            }
        }

        return true;
    }
}
