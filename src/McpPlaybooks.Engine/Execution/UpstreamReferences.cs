using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What a template or a condition reads: the <c>steps</c> root (what a dry run cannot know), the secrets it names.</summary>
internal static class UpstreamReferences
{
    public static bool ReadsSteps(BareExpression expression) => ReadsSteps(expression.Expression);

    public static bool ReadsSteps(ValueTemplate template) => Of(template).Any(r => r.Root == "steps");

    /// <summary>Every reference a template makes, in every expression it holds.</summary>
    public static IEnumerable<ExpressionReference> Of(ValueTemplate template) =>
        template.DescendantsAndSelf().SelectMany(t => t switch
        {
            ExpressionTemplate e => e.Expression.References,
            StringTemplate s => s.Template.Expressions.SelectMany(x => x.Expression.References),
            _ => [],
        });

    /// <summary>The names of the secrets that these references read (<c>secrets.NAME</c>), in order, once each.</summary>
    public static IEnumerable<string> SecretNames(IEnumerable<ExpressionReference> references) =>
        references.Where(r => r.Root == "secrets" && r.Path.Count > 0).Select(r => r.Path[0]).Distinct(StringComparer.Ordinal);

    /// <summary>Every reference a step makes: its condition, arguments, gate message, loop, verify and rollback calls.</summary>
    public static IEnumerable<ExpressionReference> Of(StepDefinition step) =>
        Of(step.When)
            .Concat(Of(step.With))
            .Concat(step.Approval?.Message is { } message ? Of(message) : [])
            .Concat(step.Foreach is { } loop ? Of(loop.Expression).Concat(loop.Items is { } items ? Of(items) : []) : [])
            .Concat(step.Verify.Concat(step.Rollback).SelectMany(Of));

    /// <summary>Every reference a call (verify, rollback, finally) makes: its condition and arguments.</summary>
    public static IEnumerable<ExpressionReference> Of(ActionCallDefinition call) => Of(call.When).Concat(Of(call.With));

    /// <summary>
    /// The secrets a step or call reads that are set nowhere (neither the environment nor the secrets file), in order. A
    /// step that would run with one fails before it starts, and a dry run says so: an unset secret is never rendered as an
    /// empty string into an argument, a header or a URL.
    /// </summary>
    public static IEnumerable<string> UnsetSecrets(StepDefinition step, SecretStore secrets) =>
        Unset(SecretsRead.GetValue(step, static s => [.. SecretNames(Of((StepDefinition)s))]), secrets);

    /// <inheritdoc cref="UnsetSecrets(StepDefinition, SecretStore)"/>
    public static IEnumerable<string> UnsetSecrets(ActionCallDefinition call, SecretStore secrets) =>
        Unset(SecretsRead.GetValue(call, static c => [.. SecretNames(Of((ActionCallDefinition)c))]), secrets);

    private static IEnumerable<ExpressionReference> Of(BareExpression? condition) => condition?.Expression.References ?? [];

    private static IEnumerable<string> Unset(string[] names, SecretStore secrets) => names.Where(name => !secrets.IsSet(name));

    /// <summary>The secret names each step or call definition reads, worked out once (definitions are compiled once per playbook).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string[]> SecretsRead = new();

    private static bool ReadsSteps(Expression expression) => expression.References.Any(r => r.Root == "steps");
}
