using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Mcp.Results;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// Checks a tool call's arguments against the tool's parameters, since the SDK does not: unknown names (with a "did you
/// mean"), missing required ones, wrong JSON types, values outside an enum or a range. Every problem is one sentence
/// that names the argument and says what would be accepted.
/// </summary>
internal static class ToolArgumentParser
{
    public static ToolArguments Parse(IReadOnlyList<ToolParameter> parameters, IDictionary<string, JsonElement>? arguments, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var names = parameters.Select(p => p.Name).ToList();
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            var parameter = parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
            {
                var hint = Suggestions.DidYouMean(name, names);
                found.Add($"unknown argument '{OutputBounds.Echo(name)}'" + (hint.Length > 0 ? $": {hint}" : "")
                    + (names.Count == 0 ? "; this tool takes no arguments" : $"; this tool takes {string.Join(", ", names)}"));
                continue;
            }

            if (IsAbsent(value))
            {
                continue;
            }

            if (Check(parameter, value) is { } problem)
            {
                found.Add(problem);
                continue;
            }

            values[name] = value.Clone();
        }

        foreach (var parameter in parameters.Where(p => p.Required && !values.ContainsKey(p.Name)))
        {
            if (!found.Any(p => p.StartsWith($"'{parameter.Name}'", StringComparison.Ordinal)))
            {
                found.Add($"'{parameter.Name}' is required: {parameter.Description}");
            }
        }

        problems = found;
        return new ToolArguments(values);
    }

    private static bool IsAbsent(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));

    private static string? Check(ToolParameter parameter, JsonElement value)
    {
        var name = parameter.Name;
        if (TooLong(parameter, value) is { } tooLong)
        {
            return tooLong;
        }

        switch (parameter.Type)
        {
            case ToolParameterType.String when value.ValueKind != JsonValueKind.String:
                return $"'{name}' must be a string, got {Describe(value)}";
            case ToolParameterType.String when parameter.Values is { } allowed && !allowed.Contains(value.GetString()!, StringComparer.Ordinal):
                var hint = Suggestions.DidYouMean(value.GetString()!, allowed);
                return $"'{name}' must be one of {string.Join(", ", allowed)}; got '{value.GetString()}'" + (hint.Length > 0 ? $" ({hint})" : "");
            case ToolParameterType.Integer:
                return CheckInteger(parameter, value);
            case ToolParameterType.Boolean when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                return $"'{name}' must be true or false, got {Describe(value)}";
            case ToolParameterType.Object when value.ValueKind != JsonValueKind.Object:
                return $"'{name}' must be a JSON object such as {{\"name\": \"value\"}}, got {Describe(value)}";
            case ToolParameterType.ObjectOrText when value.ValueKind is not (JsonValueKind.Object or JsonValueKind.String):
                return $"'{name}' must be a JSON object or a string, got {Describe(value)}";
            case ToolParameterType.StringArray when value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String):
                return $"'{name}' must be an array of strings, got {Describe(value)}";
            default:
                return null;
        }
    }

    /// <summary>A string (or an array's string) longer than its bound, or an object bigger than <see cref="ToolParameter.MaxObjectBytes"/>.</summary>
    private static string? TooLong(ToolParameter parameter, JsonElement value)
    {
        var name = parameter.Name;
        switch (value.ValueKind)
        {
            case JsonValueKind.String when parameter.MaxLength is { } max && value.GetString()!.Length > max:
                return string.Create(CultureInfo.InvariantCulture, $"'{name}' is {value.GetString()!.Length} characters long; at most {max} are accepted");
            case JsonValueKind.Array when parameter.MaxLength is { } max && value.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Length > max):
                return string.Create(CultureInfo.InvariantCulture, $"'{name}' has an item longer than {max} characters; at most {max} are accepted in each");
            case JsonValueKind.Object or JsonValueKind.Array when value.GetRawText().Length > ToolParameter.MaxObjectBytes:
                return string.Create(CultureInfo.InvariantCulture, $"'{name}' is {value.GetRawText().Length} characters of JSON; at most {ToolParameter.MaxObjectBytes} are accepted");
            default:
                return null;
        }
    }

    private static string? CheckInteger(ToolParameter parameter, JsonElement value)
    {
        var range = parameter.Minimum is { } min && parameter.Maximum is { } max
            ? string.Create(CultureInfo.InvariantCulture, $" from {min} to {max}")
            : "";
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            return $"'{parameter.Name}' must be a whole number{range}, got {Describe(value)}";
        }

        return (parameter.Minimum is { } low && number < low) || (parameter.Maximum is { } high && number > high)
            ? string.Create(CultureInfo.InvariantCulture, $"'{parameter.Name}' must be a whole number{range}, got {number}")
            : null;
    }

    /// <summary>A value as a message shows it: its JSON kind and (short) text.</summary>
    private static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        text = text.Length > 40 ? text[..40] + "…" : text;
        return value.ValueKind switch
        {
            JsonValueKind.String => $"the string {text}",
            JsonValueKind.Number => $"the number {text}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {text}",
            JsonValueKind.Array => $"an array {text}",
            JsonValueKind.Object => $"an object {text}",
            _ => text,
        };
    }
}
