using System.Text.Json;

namespace McpPlaybooks.Engine.Expressions.Values;

internal sealed class NullValue : Value
{
    public static readonly NullValue Instance = new();

    private NullValue()
    {
    }

    public override ValueKind Kind => ValueKind.Null;

    public override bool IsTruthy => false;

    public override string ToDisplayString() => "";

    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNullValue();
    }

    public override int GetHashCode() => 0;

    private protected override bool EqualsSameKind(Value other) => true;
}
