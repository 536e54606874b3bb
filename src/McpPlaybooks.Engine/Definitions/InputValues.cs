using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>
/// Checks one value against the type and scalar constraints of a schema (enum, lengths, pattern, range);
/// <see cref="InputValueChecker"/> walks the items and properties of arrays and objects with it. A pattern that takes
/// longer than <see cref="PlaybookRegex.InputMatchTimeout"/> throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>.
/// </summary>
public static class InputValues
{
    /// <summary>What is wrong with <paramref name="value"/> for <paramref name="input"/>, as the end of a sentence; null when it fits.</summary>
    public static string? Problem(InputSchema input, Value value)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(value);
        var typeProblem = (input.Type, value.Kind) switch
        {
            (InputType.String, ValueKind.String) => null,
            (InputType.Number, ValueKind.Number) => null,
            (InputType.Integer, ValueKind.Number) when double.IsInteger(value.AsNumber()) && !IntegerRange.Contains(value.AsNumber())
                => IntegerRange.Beyond(value.ToDisplayString()),
            (InputType.Integer, ValueKind.Number) when double.IsInteger(value.AsNumber()) => null,
            (InputType.Boolean, ValueKind.Boolean) => null,
            (InputType.Array, ValueKind.List) => null,
            (InputType.Object, ValueKind.Object) => null,
            _ => $"must be {Article(input.Type)}, but it is {Describe(value)}",
        };
        if (typeProblem is not null)
        {
            return typeProblem;
        }

        if (input.Enum.Count > 0 && !input.Enum.Any(v => v.Equals(value)))
        {
            return $"is {Describe(value)}, which is not one of: {string.Join(", ", input.Enum.Select(v => v.ToDisplayString()))}";
        }

        if (value.Kind == ValueKind.String)
        {
            var text = value.AsString();
            if (input.MinLength is { } min && text.Length < min)
            {
                return $"is {text.Length} characters long, shorter than the minimum of {min}";
            }

            if (input.MaxLength is { } max && text.Length > max)
            {
                return $"is {text.Length} characters long, longer than the maximum of {max}";
            }

            if (input.Pattern is { } pattern && !Matches(pattern, text))
            {
                return $"does not match the pattern {pattern}";
            }
        }

        if (value.Kind == ValueKind.Number)
        {
            var number = value.AsNumber();
            if (number < input.Minimum)
            {
                return $"is {value.ToDisplayString()}, below the minimum of {input.Minimum}";
            }

            if (number > input.Maximum)
            {
                return $"is {value.ToDisplayString()}, above the maximum of {input.Maximum}";
            }
        }

        return null;
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return PlaybookRegex.IsMatch(text, pattern);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return true; // The validator reports a pattern that cannot be used (PB0021, PB0025), and such a playbook does not run.
        }
    }

    internal static string Article(InputType type) => type switch
    {
        InputType.Integer => "an integer",
        InputType.Array => "a list",
        InputType.Object => "a mapping",
        _ => "a " + EnumNames.ToName(type),
    };

    private static string Describe(Value value) => value.Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.String => $"the string '{Echo.Of(value.ToDisplayString())}'",
        ValueKind.List => "a list",
        ValueKind.Object => "a mapping",
        _ => value.ToDisplayString(),
    };
}
