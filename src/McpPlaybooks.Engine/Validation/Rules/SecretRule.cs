using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>A secret the playbook reads that is not set where it will run: a warning at its first use (a real run would fail there).</summary>
internal static class SecretRule
{
    public static void Check(ValidationContext context, Func<string, bool> isSet)
    {
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in ReferenceRule.Sites(context))
        {
            foreach (var reference in site.Expression.References)
            {
                if (reference.Root != "secrets" || reference.Path.Count == 0 || isSet(reference.Path[0]) || !warned.Add(reference.Path[0]))
                {
                    continue;
                }

                var name = reference.Path[0];
                context.Add(Problems.Warning(
                    DiagnosticCodes.SecretNotSet,
                    SecretStore.NotSet(name),
                    site.Node.LocationOf(site.Offset + reference.Column - 1),
                    site.Node.Path,
                    $"set the environment variable {SecretStore.EnvironmentPrefix}{name}, or add a line {name}=... to the secrets file, where the playbook runs"));
            }
        }
    }
}
