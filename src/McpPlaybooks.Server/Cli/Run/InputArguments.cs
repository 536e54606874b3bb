using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Reads <c>--inputs-json JSON</c> (an object) and then <c>--input NAME=VALUE</c> (split at the first
/// <c>=</c>, typed by the declared input); an <c>--input</c> wins over the same name in the JSON.
/// </summary>
internal static class InputArguments
{
    public static ParsedInputs Parse(PlaybookDefinition playbook, IReadOnlyList<string> inputs, string? inputsJson)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        var problems = new List<string>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var incomplete = false;
        if (inputsJson is not null)
        {
            if (!InputCoercion.TryParseJson(inputsJson, out var json, out var error))
            {
                problems.Add($"--inputs-json is not valid JSON: {error}");
                incomplete = true;
            }
            else if (json.Kind != ValueKind.Object)
            {
                problems.Add($"--inputs-json must be a JSON object such as '{{\"name\": \"value\"}}', got {Describe(json.Kind)}");
                incomplete = true;
            }
            else
            {
                foreach (var (name, value) in json.AsObject())
                {
                    values[name] = value;
                }
            }
        }

        foreach (var input in inputs)
        {
            var equals = input.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add($"--input '{input}' must be NAME=VALUE, such as --input service=checkout");
                incomplete = true;
                continue;
            }

            var name = input[..equals];
            if (InputCoercion.Coerce(name, playbook.FindInput(name), input[(equals + 1)..], out var problem) is { } value)
            {
                values[name] = value;
            }
            else
            {
                problems.Add(problem!);
                unreadable.Add(name);
            }
        }

        return new ParsedInputs(values, problems, unreadable, incomplete);
    }

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.List => "an array",
        ValueKind.String => "a string",
        ValueKind.Number => "a number",
        ValueKind.Boolean => "a boolean",
        _ => "null",
    };
}
