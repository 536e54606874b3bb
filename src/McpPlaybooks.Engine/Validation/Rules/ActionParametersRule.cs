using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>Every action exists, and its <c>with:</c> fits that action's own parameters.</summary>
internal static class ActionParametersRule
{
    public static void Check(ValidationContext context)
    {
        foreach (var call in ActionCall.All(context.Playbook))
        {
            if (call.Action.Length == 0)
            {
                continue; // A missing action is the schema's to report.
            }

            var descriptor = context.Catalog.Find(call.Action);
            if (descriptor is null)
            {
                var hint = Suggestions.DidYouMean(call.Action, context.Catalog.Names);
                context.Add(Problems.Error(
                    DiagnosticCodes.UnknownAction,
                    $"unknown action '{call.Action}' in {call.Where}",
                    call.Node["action"] ?? call.Node,
                    (hint.Length > 0 ? hint + " " : "") + $"The actions are: {string.Join(", ", context.Catalog.Names)}"));
                continue;
            }

            if (!descriptor.AcceptsAnyParameters)
            {
                CheckParameters(context, call.With, descriptor.Parameters, call.Node["with"] ?? call.Node["action"] ?? call.Node, $"{call.Action} in {call.Where}");
                CheckGroups(context, call, descriptor);
            }
        }
    }

    private static void CheckParameters(ValidationContext context, ObjectTemplate with, IReadOnlyList<ActionParameter> parameters, DocumentNode owner, string where)
    {
        foreach (var (name, value) in with.Properties)
        {
            var parameter = parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
            {
                var names = parameters.Select(p => p.Name).ToList();
                var hint = Suggestions.DidYouMean(name, names);
                context.Add(Problems.Error(
                    DiagnosticCodes.UnknownParameter,
                    $"unknown parameter '{name}' for {where}",
                    with.Mapping.KeyLocationOf(name),
                    value.Node.Path,
                    (hint.Length > 0 ? hint + " " : "") + $"Its parameters are: {string.Join(", ", names)}"));
                continue;
            }

            ParameterTypeCheck.Check(context, parameter, value, where);
            if (parameter.Kind == ParameterKind.Object && value is ObjectTemplate inner)
            {
                CheckParameters(context, inner, parameter.Properties, inner.Node, $"'{name}' of {where}");
            }
        }

        foreach (var missing in parameters.Where(p => p.Required && !with.Contains(p.Name)))
        {
            context.Add(Problems.Error(
                DiagnosticCodes.MissingParameter,
                $"{where} is missing the required parameter '{missing.Name}'",
                owner,
                $"add '{missing.Name}:' under 'with:' ({missing.Description})"));
        }
    }

    private static void CheckGroups(ValidationContext context, ActionCall call, ActionDescriptor descriptor)
    {
        var owner = call.Node["with"] ?? call.Node["action"] ?? call.Node;
        foreach (var group in descriptor.ExactlyOneOf)
        {
            var given = group.Where(call.With.Contains).ToList();
            if (given.Count == 0)
            {
                context.Add(Problems.Error(
                    DiagnosticCodes.MissingParameter,
                    $"{call.Action} in {call.Where} needs one of: {string.Join(" or ", group)}",
                    owner,
                    $"add '{group[0]}:' under 'with:'"));
            }
            else if (given.Count > 1)
            {
                Conflict(context, call, given);
            }
        }

        foreach (var group in descriptor.AtMostOneOf)
        {
            var given = group.Where(call.With.Contains).ToList();
            if (given.Count > 1)
            {
                Conflict(context, call, given);
            }
        }
    }

    private static void Conflict(ValidationContext context, ActionCall call, List<string> given) =>
        context.Add(Problems.Error(
            DiagnosticCodes.ConflictingParameters,
            $"{call.Action} in {call.Where} takes only one of {string.Join(" and ", given)}",
            call.With.Mapping.KeyLocationOf(given[^1]),
            call.With[given[^1]]!.Node.Path,
            $"keep '{given[0]}' or '{given[^1]}', not both"));
}
