using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>The roots of an execution that hold secrets, tainted, so what its expressions derive from them is masked too.</summary>
internal static class SecretRoots
{
    /// <summary>
    /// The <c>inputs</c> root: a secret input is a secret; a value another execution derived from a secret (a
    /// parent's argument to its child) stays one, registered with this execution's <paramref name="derived"/>.
    /// </summary>
    public static Value Inputs(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> inputs, DerivedSecrets derived)
    {
        var secret = playbook.Inputs.Where(i => i.Secret).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return Value.From(inputs.Select(p => KeyValuePair.Create(p.Key, secret.Contains(p.Key) ? p.Value.AsSecret(derived) : p.Value.Adopt(derived))));
    }
}
