using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// Checks a parameter's value against its kind, as far as load time can: a literal must fit, a string with
/// <c>{{ }}</c> in it is a string, and a value that is one whole <c>{{ expr }}</c> is checked when it runs.
/// </summary>
internal static class ParameterTypeCheck
{
    public static void Check(ValidationContext context, ActionParameter parameter, ValueTemplate value, string where)
    {
        if (value is StringTemplate { Template.IsSingleExpression: true })
        {
            return;
        }

        if (BeyondInt64(parameter, value) is { } range)
        {
            context.Add(Problems.Error(
                DiagnosticCodes.OutOfRange, $"parameter '{parameter.Name}' of {where} {range}", value.Node, $"use an integer in {IntegerRange.Text}"));
            return;
        }

        var problem = Problem(parameter, value);
        if (problem is not null)
        {
            context.Add(Problems.Error(
                parameter.Kind == ParameterKind.Duration && problem.StartsWith("is not a duration", StringComparison.Ordinal)
                    ? DiagnosticCodes.InvalidDuration
                    : DiagnosticCodes.ParameterType,
                $"parameter '{parameter.Name}' of {where} {problem}",
                value.Node,
                Fix(parameter)));
            return;
        }

        if (parameter.AllowedValues is { } allowed && Literal(value) is { Kind: ValueKind.String } text
            && !allowed.Contains(text.ToDisplayString(), StringComparer.Ordinal))
        {
            var given = text.ToDisplayString();
            var hint = Suggestions.DidYouMean(given, allowed);
            context.Add(Problems.Error(
                DiagnosticCodes.ParameterType,
                $"'{given}' is not allowed for parameter '{parameter.Name}' of {where}",
                value.Node,
                $"use one of: {string.Join(", ", allowed)}" + (hint.Length > 0 ? $" ({hint})" : "")));
        }
    }

    private static string? Problem(ActionParameter parameter, ValueTemplate value)
    {
        var literal = Literal(value);
        var isText = value is StringTemplate || literal?.Kind == ValueKind.String;
        return parameter.Kind switch
        {
            ParameterKind.String => isText || literal?.Kind is ValueKind.Number or ValueKind.Boolean ? null : $"must be a string, not {KindName(value)}",
            ParameterKind.Boolean => literal?.Kind == ValueKind.Boolean ? null : $"must be true or false, not {KindName(value)}",
            ParameterKind.Integer => literal is { Kind: ValueKind.Number } n && IsInteger(n) ? null : $"must be an integer, not {KindName(value)}",
            ParameterKind.Number => literal?.Kind == ValueKind.Number ? null : $"must be a number, not {KindName(value)}",
            ParameterKind.Duration => value is StringTemplate ? null
                : literal?.Kind == ValueKind.String && Durations.TryParse(literal.ToDisplayString(), out _) ? null
                : literal?.Kind == ValueKind.String ? $"is not a duration: '{literal.ToDisplayString()}'" : $"must be a duration, not {KindName(value)}",
            ParameterKind.StringList => value is ListTemplate list ? ListProblem(list, ScalarItem, "a string") : $"must be a list, not {KindName(value)}",
            ParameterKind.IntegerList => value is ListTemplate list ? ListProblem(list, IntegerItem, "an integer") : $"must be a list of integers, not {KindName(value)}",
            ParameterKind.StringMap => value is ObjectTemplate map
                ? map.Properties.Any(p => !ScalarItem(p.Value)) ? "must map names to plain values (strings, numbers or booleans)" : null
                : $"must be a mapping, not {KindName(value)}",
            ParameterKind.Map or ParameterKind.Object => value is ObjectTemplate ? null : $"must be a mapping, not {KindName(value)}",
            ParameterKind.Expression => value is ExpressionTemplate || literal?.Kind is ValueKind.Boolean or ValueKind.String ? null
                : $"must be an expression written as a string, not {KindName(value)}",
            _ => null,
        };
    }

    /// <summary>How an integer beyond 64 bits, where an integer is expected, is out of range; null when there is none.</summary>
    private static string? BeyondInt64(ActionParameter parameter, ValueTemplate value) => (parameter.Kind, value) switch
    {
        (ParameterKind.Integer, LiteralTemplate { Node: ScalarNode { IsBeyondInt64: true } huge }) => IntegerRange.Beyond(huge.Text),
        (ParameterKind.IntegerList, ListTemplate list) => list.Items.Select((item, i) => (item.Node, i))
            .Where(x => x.Node is ScalarNode { IsBeyondInt64: true })
            .Select(x => $"has item {x.i + 1}, which {IntegerRange.Beyond(((ScalarNode)x.Node).Text)}")
            .FirstOrDefault(),
        _ => null,
    };

    private static string? ListProblem(ListTemplate list, Func<ValueTemplate, bool> fits, string itemName)
    {
        var index = list.Items.ToList().FindIndex(item => !fits(item));
        return index < 0 ? null : $"must hold {itemName} in each item, but item {index + 1} is {KindName(list.Items[index])}";
    }

    private static bool ScalarItem(ValueTemplate item) =>
        item is StringTemplate || Literal(item)?.Kind is ValueKind.String or ValueKind.Number or ValueKind.Boolean;

    private static bool IntegerItem(ValueTemplate item) =>
        item is StringTemplate { Template.IsSingleExpression: true } || (Literal(item) is { Kind: ValueKind.Number } n && IsInteger(n));

    private static bool IsInteger(Value number) => double.IsInteger(number.AsNumber());

    private static Value? Literal(ValueTemplate value) => (value as LiteralTemplate)?.Value;

    private static string KindName(ValueTemplate value) => value switch
    {
        ListTemplate => "a list",
        ObjectTemplate => "a mapping",
        _ => value.Node.KindName,
    };

    private static string Fix(ActionParameter parameter) => parameter.Kind switch
    {
        ParameterKind.StringList => $"write it as a list, one argument per item: {parameter.Description}",
        ParameterKind.Duration => $"write a duration such as {Durations.Examples}",
        ParameterKind.Expression => "write a bare expression, such as: steps.check.output.status == 200",
        _ => $"'{parameter.Name}' is {parameter.Description}",
    };
}
