using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// The keywords of an input's schema, at every depth: each fits the type it stands on (<c>items</c> on an
/// array, <c>properties</c> on an object, <c>pattern</c> on a string...), <c>required</c> names declared
/// properties, ranges are not upside down, nested patterns compile.
/// </summary>
internal static class InputSchemaRule
{
    private static readonly (string Keyword, InputType[] Types)[] s_keywords =
    [
        ("items", [InputType.Array]),
        ("min_items", [InputType.Array]),
        ("max_items", [InputType.Array]),
        ("properties", [InputType.Object]),
        ("additional_properties", [InputType.Object]),
        ("pattern", [InputType.String]),
        ("min_length", [InputType.String]),
        ("max_length", [InputType.String]),
        ("minimum", [InputType.Number, InputType.Integer]),
        ("maximum", [InputType.Number, InputType.Integer]),
    ];

    public static void Check(ValidationContext context)
    {
        foreach (var input in context.Playbook.Inputs)
        {
            Check(context, input.Schema, input.Name, nested: false);
        }
    }

    private static void Check(ValidationContext context, InputSchema schema, string path, bool nested)
    {
        if (schema.Node is not { } node)
        {
            return;
        }

        var type = EnumNames.ToName(schema.Type);
        foreach (var (keyword, types) in s_keywords.Where(k => node[k.Keyword] is not null && !k.Types.Contains(schema.Type)))
        {
            context.Add(Problems.Error(
                DiagnosticCodes.InputKeywordMisplaced,
                $"input '{path}' is of type {type}, so '{keyword}' does not apply to it",
                node.KeyLocationOf(keyword),
                node[keyword]!.Path,
                $"remove '{keyword}', or change the type to {string.Join(" or ", types.Select(EnumNames.ToName))}"));
        }

        CheckRequired(context, schema, path, node);
        if (nested)
        {
            ValueRule.CheckRegex(context, node["pattern"], $"input '{path}'"); // ValueRule checks an input's own.
        }

        CheckRange(context, schema.Minimum > schema.Maximum, node, "minimum", $"input '{path}' has a minimum above its maximum");
        CheckRange(context, schema.MinLength > schema.MaxLength, node, "min_length", $"input '{path}' has a min_length above its max_length");
        CheckRange(context, schema.MinItems > schema.MaxItems, node, "min_items", $"input '{path}' has min_items above its max_items");
        if (schema.Items is { } items)
        {
            Check(context, items, path + "[]", nested: true);
        }

        foreach (var (name, property) in schema.Properties)
        {
            Check(context, property, $"{path}.{name}", nested: true);
        }
    }

    private static void CheckRequired(ValidationContext context, InputSchema schema, string path, MappingNode node)
    {
        if (node["required"] is not SequenceNode names)
        {
            return;
        }

        if (schema.Type != InputType.Object)
        {
            context.Add(Problems.Error(DiagnosticCodes.InputKeywordMisplaced,
                $"input '{path}' is of type {EnumNames.ToName(schema.Type)}, so a list of required properties does not apply to it", names,
                "write 'required: true' or 'required: false' for the input itself, or change the type to object"));
            return;
        }

        var known = schema.Properties.Select(p => p.Key).ToList();
        foreach (var name in names.Items.OfType<ScalarNode>().Where(n => !known.Contains(n.Text, StringComparer.Ordinal)))
        {
            var hint = Suggestions.DidYouMean(name.Text, known);
            context.Add(Problems.Error(DiagnosticCodes.InputKeywordMisplaced,
                $"input '{path}' requires the property '{name.Text}', which is not among its properties",
                name,
                hint.Length > 0 ? $"{hint} Otherwise declare it under 'properties:'." : $"declare '{name.Text}' under 'properties:' (with its type), or remove it from 'required'"));
        }
    }

    private static void CheckRange(ValidationContext context, bool upsideDown, MappingNode node, string keyword, string message)
    {
        if (upsideDown && node[keyword] is { } at)
        {
            context.Add(Problems.Error(DiagnosticCodes.OutOfRange, message, at, "swap them"));
        }
    }
}
