using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Turns the text of <c>--input NAME=VALUE</c> into a value of the input's declared type: a string
/// as is, numbers invariantly, <c>true</c>/<c>false</c>, arrays and objects as JSON. An undeclared
/// name stays a string, so the binder reports it with its "did you mean".
/// </summary>
internal static class InputCoercion
{
    /// <summary>The value, or null with <paramref name="problem"/> saying what was expected.</summary>
    public static Value? Coerce(string name, InputDefinition? input, string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var shown = Shown(input, text);
        switch (input?.Type)
        {
            case null or InputType.String:
                return Value.From(text);
            case InputType.Number or InputType.Integer:
                var integer = input.Type == InputType.Integer;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && double.IsFinite(number)
                    && (!integer || double.IsInteger(number)))
                {
                    return Value.From(number);
                }

                problem = $"input '{name}' must be {(integer ? "an integer" : "a number")}, got {shown}";
                return null;
            case InputType.Boolean:
                if (bool.TryParse(text, out var flag))
                {
                    return Value.From(flag);
                }

                problem = $"input '{name}' must be true or false, got {shown}";
                return null;
            default:
                var wanted = input.Type == InputType.Array ? ValueKind.List : ValueKind.Object;
                var noun = input.Type == InputType.Array ? "a JSON array" : "a JSON object";
                if (!TryParseJson(text, out var value, out var error))
                {
                    problem = input.Secret ? $"input '{name}' must be {noun}, got {shown}" : $"input '{name}' must be {noun}, got {shown}: {error}";
                    return null;
                }

                if (value.Kind != wanted)
                {
                    problem = $"input '{name}' must be {noun}, got {shown}";
                    return null;
                }

                return value;
        }
    }

    /// <summary>
    /// How a problem quotes the value typed: a secret input's value never (the terminal may be recorded, a CI log kept), as
    /// the engine's own input problems say it; a long one cut at <see cref="MaxQuoted"/> characters.
    /// </summary>
    private static string Shown(InputDefinition? input, string text) =>
        input?.Secret == true ? "a value (not shown: the input is secret)"
        : text.Length <= MaxQuoted ? $"'{text}'"
        : $"'{text[..MaxQuoted]}…' ({text.Length} characters)";

    private const int MaxQuoted = 100;

    /// <summary>Parses JSON text into a value; on failure, <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParseJson(string text, out Value value, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            value = Value.FromJson(document.RootElement);
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            value = Value.Null;
            error = e.Message;
            return false;
        }
    }
}
