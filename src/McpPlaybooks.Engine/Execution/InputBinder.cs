using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Checks given inputs against a playbook's declared inputs, before anything runs.</summary>
public static class InputBinder
{
    /// <summary>
    /// The inputs of a run, or every problem with them; when a pattern of the playbook takes too long on a value, that
    /// alone, as <see cref="InputBinding.PatternFault"/> (nothing more is checked: one slow match at most).
    /// </summary>
    public static InputBinding Bind(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> given)
    {
        try
        {
            return BindChecked(playbook, given);
        }
        catch (PatternTimeoutException e)
        {
            var fault = $"{e.Message}; {e.Fix}";
            return new InputBinding(new Dictionary<string, Value>(StringComparer.Ordinal), [fault]) { PatternFault = fault };
        }
    }

    private static InputBinding BindChecked(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> given)
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
                var found = InputValueChecker.Problems(input.Schema, value, input.Name, secret: input.Secret).Select(p => $"input '{p.Path}' {p.Problem}");

                // A problem may quote the value it found ("but it is the string '…'"): never a secret input's.
                problems.AddRange(input.Secret ? found.Select(new Secrets.SecretMasker(Leaves(value)).Apply) : found);

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

    /// <summary>The texts of a value's scalars (a secret input may be an object or a list).</summary>
    private static IEnumerable<string> Leaves(Value value) => value.Kind switch
    {
        ValueKind.Object => value.AsObject().Values.SelectMany(Leaves),
        ValueKind.List => value.AsList().SelectMany(Leaves),
        ValueKind.Null => [],
        _ => [value.ToDisplayString()],
    };
}
