using System.Text.Json;

namespace McpPlaybooks.Engine.Expressions.Values;

internal sealed class BooleanValue : Value
{
    public static readonly BooleanValue TrueInstance = new(true);
    public static readonly BooleanValue FalseInstance = new(false);

    private readonly bool _value;

    private BooleanValue(bool value) => _value = value;

    public override ValueKind Kind => ValueKind.Boolean;

    public override bool IsTruthy => _value;

    public override bool AsBoolean() => _value;

    public override string ToDisplayString() => _value ? "true" : "false";

    internal override long JsonLength => _value ? 4 : 5;

    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBooleanValue(_value);
    }

    public override int GetHashCode() => _value ? 1 : 2;

    private protected override bool EqualsSameKind(Value other) => _value == ((BooleanValue)other)._value;
}
