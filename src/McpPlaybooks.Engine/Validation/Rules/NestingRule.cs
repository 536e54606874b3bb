using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// Values that would nest deeper than <see cref="ExpressionLimits.MaxValueDepth"/> levels of lists and objects, found
/// before a run: a variable or a <c>with</c> whose lists and mappings, with the variables they hold whole
/// (<c>"{{ vars.x }}"</c>), nest too deep. What only a run can know (an output's shape) is the step's failure then.
/// </summary>
internal static class NestingRule
{
    public static void Check(ValidationContext context)
    {
        var playbook = context.Playbook;
        var variables = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, template) in playbook.Variables)
        {
            variables[name] = Depth(template, variables);
            Report(context, template, variables[name], $"variable '{name}'");
        }

        foreach (var step in playbook.Steps)
        {
            Report(context, step.With, Depth(step.With, variables), $"the with of step '{step.Id}'");
            foreach (var call in step.Rollback)
            {
                Report(context, call.With, Depth(call.With, variables), $"the with of a rollback call of step '{step.Id}'");
            }
        }

        foreach (var call in playbook.Finally)
        {
            Report(context, call.With, Depth(call.With, variables), "the with of a finally call");
        }

        foreach (var (name, template) in playbook.Outputs)
        {
            Report(context, template, Depth(template, variables), $"output '{name}'");
        }
    }

    private static void Report(ValidationContext context, ValueTemplate template, int depth, string what)
    {
        if (depth > ExpressionLimits.MaxValueDepth)
        {
            context.Add(Problems.Error(
                DiagnosticCodes.OutOfRange,
                $"{what} nests at least {depth} levels of lists and objects, more than the {ExpressionLimits.MaxValueDepth} a value may",
                template.Node,
                ValueDepth.Advice));
        }
    }

    /// <summary>At least how deep the template's value nests: its own lists and mappings, and the variables it holds whole.</summary>
    private static int Depth(ValueTemplate template, IReadOnlyDictionary<string, int> variables) => template switch
    {
        LiteralTemplate literal => literal.Value.Depth,
        ListTemplate list => 1 + list.Items.Select(item => Depth(item, variables)).DefaultIfEmpty(0).Max(),
        ObjectTemplate map => 1 + map.Properties.Select(p => Depth(p.Value, variables)).DefaultIfEmpty(0).Max(),
        StringTemplate { Template: { IsSingleExpression: true, Expressions: [var only] } } => Held(only.Expression, variables),
        ExpressionTemplate bare => Held(bare.Expression, variables),
        _ => 0,
    };

    /// <summary>The depth of the variable an expression is (<c>vars.x</c> and nothing else); 0 when it is anything else.</summary>
    private static int Held(Expression expression, IReadOnlyDictionary<string, int> variables) =>
        expression.References is [{ Root: "vars", Path: [var name] }] && expression.Text.Trim() == $"vars.{name}"
            ? variables.GetValueOrDefault(name)
            : 0;
}
