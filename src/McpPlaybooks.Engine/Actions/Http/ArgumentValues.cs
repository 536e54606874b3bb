using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>Reads rendered arguments of the HTTP actions; a wrong one becomes a Validation failure.</summary>
internal static class ArgumentValues
{
    /// <summary>The argument's text (a number or boolean is written as text); null when absent.</summary>
    public static string? OptionalString(Value arguments, string action, string name) =>
        arguments.Argument(name) switch
        {
            null => null,
            { Kind: ValueKind.String or ValueKind.Number or ValueKind.Boolean } value => value.ToDisplayString(),
            { } value => throw Invalid($"{action}: '{name}' must be a string, not {Describe(value.Kind)}."),
        };

    public static string RequiredString(Value arguments, string action, string name) =>
        OptionalString(arguments, action, name) ?? throw Invalid($"{action}: '{name}' is required.");

    /// <summary>A whole number argument within [min, max]; the fallback when absent.</summary>
    public static int Integer(Value? value, string action, string name, int min, int max, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        var number = value.Kind switch
        {
            ValueKind.Number => value.AsNumber(),
            ValueKind.String when double.TryParse(value.AsString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        if (double.IsNaN(number) || number != Math.Floor(number) || number < min || number > max)
        {
            throw Invalid($"{action}: '{name}' must be a whole number from {min} to {max}; got {value.ToDisplayString()}.");
        }

        return (int)number;
    }

    /// <summary>A duration such as <c>2s</c> or <c>500ms</c>, more than zero; the fallback when absent.</summary>
    public static TimeSpan Duration(Value arguments, string action, string name, TimeSpan fallback)
    {
        var text = OptionalString(arguments, action, name);
        if (text is null)
        {
            return fallback;
        }

        if (!Durations.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
        {
            throw Invalid($"{action}: '{name}' must be a duration such as {Durations.Examples}, more than zero; got '{text}'.");
        }

        return duration;
    }

    public static ActionFailedException Invalid(string message) => new(message) { Category = ErrorCategory.Validation };

    /// <summary>"3 attempts", "1 attempt".</summary>
    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.List => "a list",
        ValueKind.Object => "an object",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
