using System.Collections;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Secrets;

/// <summary>
/// The values of <c>{{ secrets.NAME }}</c>: the environment's <c>PLAYBOOK_SECRET_NAME</c> variables,
/// then a secrets file's <c>NAME=value</c> lines (the file wins over the environment).
/// </summary>
public sealed class SecretStore
{
    /// <summary>The prefix of the environment variables that hold secrets.</summary>
    public const string EnvironmentPrefix = "PLAYBOOK_SECRET_";

    /// <summary>What is said of a secret set nowhere: by the validator (a warning), a dry run and a real run (a failure).</summary>
    public static string NotSet(string name) => $"secrets.{name} is not set: {EnvironmentPrefix}{name} or the secrets file";

    private readonly Dictionary<string, string> _values;

    public SecretStore(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        Root = Value.From(_values.Select(p => KeyValuePair.Create(p.Key, Value.From(p.Value))));
        Masker = new SecretMasker(_values.Values);
    }

    /// <summary>Masks these secrets (built once: an execution without secret inputs shares it).</summary>
    public SecretMasker Masker { get; }

    /// <summary>The <c>secrets</c> root of expressions: an object of every known secret.</summary>
    public Value Root { get; }

    /// <summary>Whether <c>secrets.NAME</c> has a value (from the environment or the secrets file).</summary>
    public bool IsSet(string name) => _values.ContainsKey(name);

    /// <summary>Every secret value, for masking.</summary>
    public IEnumerable<string> Values => _values.Values;

    /// <summary>Reads the environment and, when given, the secrets file. A missing or malformed file throws <see cref="SecretsFileException"/>.</summary>
    public static SecretStore Load(IDictionary environment, string? secretsFile)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
                && key.Length > EnvironmentPrefix.Length && entry.Value is string value)
            {
                values[key[EnvironmentPrefix.Length..]] = value;
            }
        }

        if (secretsFile is not null)
        {
            foreach (var (name, value) in SecretsFile.Read(secretsFile))
            {
                values[name] = value;
            }
        }

        return new SecretStore(values);
    }
}
