using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Against a caller taking over what a program loads: a loader variable (<see cref="LoaderVariables"/>) whose
/// value comes from a template, or that a templated <c>env:</c> map yields, is refused unless the step sets
/// <c>allow_loader_env: true</c>. A value the playbook's author wrote (<c>PATH: /usr/local/bin:/usr/bin</c>) is fine.
/// </summary>
internal static class EnvironmentTemplateCheck
{
    /// <summary>Throws a validation failure for the first loader variable a template gave.</summary>
    /// <param name="environment">The rendered environment.</param>
    /// <param name="with">The step's <c>with:</c> as written; <see cref="ObjectTemplate.Empty"/> when unknown (a direct call), and then nothing is refused.</param>
    public static void Check(IReadOnlyList<KeyValuePair<string, string?>> environment, ObjectTemplate with)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(with);
        if (OptedIn(with) || with["env"] is not { } env)
        {
            return;
        }

        foreach (var (name, _) in environment)
        {
            if (LoaderVariables.IsLoaderVariable(name) && IsTemplated(env, name))
            {
                throw new ActionFailedException(
                    $"the environment variable {name} comes from a template (env: at line {env.Node.Location.Line}); {LoaderVariables.Description} " +
                    $"decide what code the program runs, so a template may set them only when the step sets {LoaderVariables.OptIn}: true. " +
                    "Write the value in the playbook, or add the opt-in after review")
                {
                    Category = ErrorCategory.Validation,
                };
            }
        }
    }

    /// <summary>True when the step opts in with a literal <c>allow_loader_env: true</c>.</summary>
    public static bool OptedIn(ObjectTemplate with) =>
        with[LoaderVariables.OptIn] is LiteralTemplate { Value: { Kind: ValueKind.Boolean } allow } && allow.AsBoolean();

    /// <summary>True when the variable's value comes from a template: its own, or the whole map's.</summary>
    public static bool IsTemplated(ValueTemplate env, string name) => env switch
    {
        ObjectTemplate map => map.Properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Value is { IsLiteral: false },
        _ => !env.IsLiteral,
    };
}
