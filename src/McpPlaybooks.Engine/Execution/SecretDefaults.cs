using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Secret inputs are never stored. One left at the playbook's own default needs no storing: it is left out of the
/// stored inputs and put back from the playbook when another process takes the execution over or replays it. Only a
/// secret given explicitly is lost with its process.
/// </summary>
internal static class SecretDefaults
{
    /// <summary>
    /// The inputs to store: without the secret inputs that hold the playbook's default, and every other secret input as
    /// <c>***</c>, whatever its type (a number or an object was stored as given: the masker matches texts, and a number or
    /// an object's fields are not the text it was registered as).
    /// </summary>
    public static IReadOnlyDictionary<string, Value> ToStore(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> inputs)
    {
        var defaulted = playbook.Inputs
            .Where(i => i.Secret && i.Default is { } value && inputs.TryGetValue(i.Name, out var given) && given.Equals(value))
            .Select(i => i.Name)
            .ToHashSet(StringComparer.Ordinal);
        return Masked(playbook, defaulted.Count == 0 ? inputs : inputs.Where(p => !defaulted.Contains(p.Key)).ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>The inputs with every secret one as <c>***</c>: what may be shown or stored of them.</summary>
    public static IReadOnlyDictionary<string, Value> Masked(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> inputs)
    {
        var secret = playbook.Inputs.Where(i => i.Secret && inputs.ContainsKey(i.Name)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return secret.Count == 0
            ? inputs
            : inputs.ToDictionary(p => p.Key, p => secret.Contains(p.Key) ? Value.From(Secrets.SecretMasker.Mask) : p.Value, StringComparer.Ordinal);
    }

    /// <summary>The inputs declared <c>secret: true</c> that the request gives a value: masked everywhere, never stored.</summary>
    public static IEnumerable<InputDefinition> Given(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> inputs) =>
        playbook.Inputs.Where(i => i.Secret && inputs.TryGetValue(i.Name, out var v) && v.Kind != ValueKind.Null);

    /// <summary>Stored inputs with the secret inputs left out at their default put back from the playbook.</summary>
    public static Dictionary<string, Value> Restore(PlaybookDefinition playbook, Dictionary<string, Value> stored)
    {
        foreach (var input in playbook.Inputs.Where(i => i.Secret && i.Default is not null && !stored.ContainsKey(i.Name)))
        {
            stored[input.Name] = input.Default!;
        }

        return stored;
    }
}
