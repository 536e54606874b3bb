using System.Text.Json;

namespace McpPlaybooks.Engine.Expressions.Values;

internal sealed class StringValue : Value
{
    public static readonly StringValue Empty = new("");

    private StringValue(string value) => Text = value;

    public string Text { get; }

    public override ValueKind Kind => ValueKind.String;

    /// <summary>Empty text is false, and so is the text <c>false</c> in any case (a boolean rendered into text): <see cref="Condition"/>.</summary>
    public override bool IsTruthy => Text.Length > 0 && !Condition.IsFalseText(Text);

    public static StringValue Create(string value) => value.Length == 0 ? Empty : new StringValue(value);

    public override string AsString() => Text;

    internal override Value WithTaint(Taint? taint) =>
        ReferenceEquals(taint, Taint) || Text.Length == 0 ? this : new StringValue(Text) { Taint = taint };

    internal override Value AsSecret(DerivedSecrets sink) => WithTaint(Expressions.Taint.Of(sink, [Text]));

    public override string ToDisplayString() => Text;

    internal override long JsonLength => Text.Length + 2L;

    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Text);
    }

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    private protected override bool EqualsSameKind(Value other) =>
        string.Equals(Text, ((StringValue)other).Text, StringComparison.Ordinal);
}
