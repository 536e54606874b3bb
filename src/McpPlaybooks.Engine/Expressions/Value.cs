using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// An immutable typed value: null, boolean, number (double), string, list, or object (ordered keys,
/// compared ordinally). <see cref="Equals(Value)"/> is strict structural equality (a number never equals
/// a string); the expression operator <c>==</c> is looser, see the expression documentation.
/// </summary>
public abstract partial class Value : IEquatable<Value>
{
    private protected Value()
    {
    }

    public static Value Null => NullValue.Instance;

    public static Value True => BooleanValue.TrueInstance;

    public static Value False => BooleanValue.FalseInstance;

    public abstract ValueKind Kind { get; }

    /// <summary>False for null, false, 0, NaN and ""; true for everything else, including an empty list or object.</summary>
    public abstract bool IsTruthy { get; }

    /// <summary>How deeply lists and objects nest in this value: 0 for a scalar, 1 for a flat list.</summary>
    internal virtual int Depth => 0;

    /// <summary>
    /// At most the length of <see cref="ToJson()"/>, known without writing it (a string's text and quotes, a list's
    /// items, commas and brackets, a number's one digit); capped at <see cref="JsonLengths.Cap"/>. A list that holds
    /// another twice is counted twice, so a value shared many times is seen to be large before it is written.
    /// </summary>
    internal virtual long JsonLength => 4;

    public static Value From(bool b) => b ? BooleanValue.TrueInstance : BooleanValue.FalseInstance;

    public static Value From(double d) => NumberValue.Create(d);

    public static Value From(string? s) => s is null ? NullValue.Instance : StringValue.Create(s);

    /// <summary>A list; a null item becomes <see cref="Null"/>. Throws when nesting exceeds <see cref="ExpressionLimits.MaxValueDepth"/>.</summary>
    public static Value From(IEnumerable<Value> items) => ListValue.Create(items);

    /// <summary>An object keeping the first position of each key; a repeated key takes its last value.</summary>
    public static Value From(IEnumerable<KeyValuePair<string, Value>> props) => ObjectValue.Create(props);

    /// <summary>An expression root, or an entry of one, holding values as they are (<see cref="ObjectValue.CreateRoot"/>).</summary>
    internal static Value Root(IEnumerable<KeyValuePair<string, Value>> props) => ObjectValue.CreateRoot(props);

    /// <summary>What a template inserts: null is "", numbers use the shortest invariant form, strings are as-is, lists and objects are compact JSON.</summary>
    public abstract string ToDisplayString();

    public virtual bool AsBoolean() => throw WrongKind(ValueKind.Boolean);

    public virtual double AsNumber() => throw WrongKind(ValueKind.Number);

    public virtual string AsString() => throw WrongKind(ValueKind.String);

    public virtual IReadOnlyList<Value> AsList() => throw WrongKind(ValueKind.List);

    public virtual IReadOnlyDictionary<string, Value> AsObject() => throw WrongKind(ValueKind.Object);

    /// <summary>Looks up a property of an object; false (and <see cref="Null"/>) for a missing key or a value that is not an object.</summary>
    public virtual bool TryGetProperty(string name, out Value value)
    {
        value = NullValue.Instance;
        return false;
    }

    public bool Equals(Value? other) =>
        other is not null && (ReferenceEquals(this, other) || (Kind == other.Kind && EqualsSameKind(other)));

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public abstract override int GetHashCode();

    /// <summary>The compact JSON form, convenient in a debugger and in logs.</summary>
    public override string ToString() => ToJson();

    /// <summary>Structural equality with a value of the same <see cref="Kind"/>.</summary>
    private protected abstract bool EqualsSameKind(Value other);

    private InvalidOperationException WrongKind(ValueKind expected) =>
        new($"Expected {expected.WithArticle()} but the value is {Kind.WithArticle()}.");
}
