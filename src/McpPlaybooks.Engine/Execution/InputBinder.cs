using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Checks given inputs against a playbook's declared inputs, before anything runs.</summary>
public static class InputBinder
{
    public static InputBinding Bind(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> given)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(given);
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var name in given.Keys.Order(StringComparer.Ordinal))
        {
            if (playbook.FindInput(name) is null)
            {
                var known = playbook.Inputs.Select(i => i.Name).ToList();
                var hint = Suggestions.DidYouMean(name, known);
                problems.Add(known.Count == 0
                    ? $"input '{Echo.Of(name)}' is not declared: playbook '{playbook.Id}' takes no inputs"
                    : $"input '{Echo.Of(name)}' is not declared by playbook '{playbook.Id}'{(hint.Length > 0 ? " (" + hint + ")" : "")}; it takes: {string.Join(", ", known)}");
            }
        }

        foreach (var input in playbook.Inputs)
        {
            if (given.TryGetValue(input.Name, out var value) && value.Kind != ValueKind.Null)
            {
                problems.AddRange(InputValueChecker.Problems(input.Schema, value, input.Name).Select(p => $"input '{p.Path}' {p.Problem}"));

                values[input.Name] = value;
            }
            else if (input.Default is { } fallback)
            {
                values[input.Name] = fallback;
            }
            else if (input.Required)
            {
                problems.Add($"input '{input.Name}' is required ({EnumNames.ToName(input.Type)}{(input.Description is null ? "" : ": " + input.Description)})");
            }
            else
            {
                values[input.Name] = Value.Null;
            }
        }

        return new InputBinding(values, problems);
    }
}
