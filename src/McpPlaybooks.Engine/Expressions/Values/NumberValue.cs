using System.Globalization;
using System.Text.Json;

namespace McpPlaybooks.Engine.Expressions.Values;

internal sealed class NumberValue : Value
{
    private const int CachedCount = 1024;
    private static readonly NumberValue[] SmallIntegers = CreateSmallIntegers();

    private string? _display;

    private NumberValue(double value) => Number = value;

    public double Number { get; }

    public override ValueKind Kind => ValueKind.Number;

    public override bool IsTruthy => Number != 0 && !double.IsNaN(Number);

    /// <summary>A number value; small non-negative integers (and -0, which becomes 0) are shared instances.</summary>
    public static NumberValue Create(double value)
    {
        if (value >= 0 && value < CachedCount && value == Math.Floor(value))
        {
            return SmallIntegers[(int)value];
        }

        return new NumberValue(value);
    }

    /// <summary>The shortest invariant text that round-trips: 200, 0.5, 1E+21, NaN, Infinity.</summary>
    public static string Format(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? "NaN"
        : value > 0 ? "Infinity" : "-Infinity";

    /// <summary>Parses a whole string as an invariant finite number: an optional sign, digits, a fraction, an exponent. No whitespace.</summary>
    public static bool TryParse(string text, out double value)
    {
        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (text.Length > 0 && text.Length <= 400
            && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, Styles, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>True when the value is an integer that fits an <see cref="int"/>.</summary>
    public static bool TryGetInt32(double value, out int result)
    {
        if (value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue)
        {
            result = (int)value;
            return true;
        }

        result = 0;
        return false;
    }

    public override double AsNumber() => Number;

    internal override Value WithTaint(Taint? taint) =>
        ReferenceEquals(taint, Taint) ? this : new NumberValue(Number) { Taint = taint };

    internal override long JsonLength => 1;

    internal override Value AsSecret(DerivedSecrets sink) => WithTaint(Expressions.Taint.Of(sink, [ToDisplayString()]));

    public override string ToDisplayString() => _display ??= Format(Number);

    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(Number))
        {
            writer.WriteNumberValue(Number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public override int GetHashCode() => Number.GetHashCode();

    private protected override bool EqualsSameKind(Value other) => Number.Equals(((NumberValue)other).Number);

    private static NumberValue[] CreateSmallIntegers()
    {
        var values = new NumberValue[CachedCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new NumberValue(i);
        }

        return values;
    }
}
