using System.Globalization;
using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>
/// Checks a value against an input's schema, all the way down: every problem, each with the path of the
/// value it is about (<c>hosts[2]</c>, <c>labels.team</c>) and, when the value came from the document (a
/// default), its node.
/// </summary>
public static class InputValueChecker
{
    /// <summary>
    /// Every problem of <paramref name="value"/>; a problem is the end of a sentence that starts with "input '<c>Path</c>'".
    /// Of a <paramref name="secret"/> input's value, no part is named: not even the names of properties it should not have.
    /// </summary>
    public static IEnumerable<(string Path, string Problem, DocumentNode? Node)> Problems(InputSchema schema, Value value, string path, DocumentNode? node = null, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(value);
        string? problem;
        try
        {
            problem = InputValues.Problem(schema, value);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw TooSlow(schema, path, value, e);
        }

        if (problem is not null)
        {
            yield return (path, problem, node);
            yield break; // Its items or properties would only repeat the same mistake.
        }

        var found = value.Kind switch
        {
            ValueKind.List => ListProblems(schema, value.AsList(), path, node as SequenceNode, secret),
            ValueKind.Object => ObjectProblems(schema, value.AsObject(), path, node as MappingNode, secret),
            _ => [],
        };
        foreach (var each in found)
        {
            yield return each;
        }
    }

    private static PatternTimeoutException TooSlow(InputSchema schema, string path, Value value, RegexMatchTimeoutException e)
    {
        var node = (DocumentNode?)schema.Node?["pattern"] ?? schema.Node;
        var where = node is null ? "" : $" at {node.Path} (line {node.Location.Line}, column {node.Location.Column})";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"the playbook's pattern {Echo.Of(schema.Pattern)}{where} took longer than {Durations.Format(PlaybookRegex.InputMatchTimeout)} to match input '{path}' ({value.AsString().Length:N0} characters), so the value was not checked: the pattern is at fault, not the value");
        return new PatternTimeoutException(message, node, Fix, e);
    }

    private const string Fix = "make the pattern simpler (a counted repetition inside another, such as (.{200}x){1,20}, makes it slow on long values), or bound the value with max_length, which is checked before the pattern";

    private static IEnumerable<(string, string, DocumentNode?)> ListProblems(InputSchema schema, IReadOnlyList<Value> items, string path, SequenceNode? node, bool secret)
    {
        if (items.Count < schema.MinItems)
        {
            yield return (path, $"has {items.Count} items, fewer than the minimum of {schema.MinItems}", node);
        }

        if (items.Count > schema.MaxItems)
        {
            yield return (path, $"has {items.Count} items, more than the maximum of {schema.MaxItems}", node);
        }

        if (schema.Items is not { } itemSchema)
        {
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemNode = node is not null && i < node.Items.Count ? node.Items[i] : null;
            foreach (var each in Problems(itemSchema, items[i], $"{path}[{i}]", itemNode, secret))
            {
                yield return each;
            }
        }
    }

    private static IEnumerable<(string, string, DocumentNode?)> ObjectProblems(InputSchema schema, IReadOnlyDictionary<string, Value> properties, string path, MappingNode? node, bool secret)
    {
        foreach (var name in schema.RequiredProperties)
        {
            if (!properties.TryGetValue(name, out var given) || given.Kind == ValueKind.Null)
            {
                var type = schema.Properties.FirstOrDefault(p => p.Key == name).Value?.Type;
                yield return ($"{path}.{name}", "is required" + (type is { } t ? $" ({EnumNames.ToName(t)})" : ""), node);
            }
        }

        foreach (var (name, propertySchema) in schema.Properties)
        {
            if (properties.TryGetValue(name, out var given) && given.Kind != ValueKind.Null)
            {
                foreach (var each in Problems(propertySchema, given, $"{path}.{name}", node?[name], secret))
                {
                    yield return each;
                }
            }
        }

        if (schema.AdditionalProperties)
        {
            yield break;
        }

        var known = schema.Properties.Select(p => p.Key).ToList();
        var takes = known.Count == 0 ? "it takes no properties" : "it takes: " + string.Join(", ", known);
        var undeclared = properties.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (secret && undeclared.Count > 0)
        {
            // A secret's property names may be secrets themselves (a key of a token map): counted, never named.
            var count = undeclared.Count == 1 ? "a property that is not declared" : $"{undeclared.Count} properties that are not declared";
            yield return (path, $"has {count} (not named: the input is secret); {takes}", node);
            yield break;
        }

        foreach (var name in undeclared)
        {
            var hint = Suggestions.DidYouMean(name, known);
            yield return ($"{path}.{Echo.Of(name)}", $"is not declared{(hint.Length > 0 ? " (" + hint + ")" : "")}; {takes}", node?[name]);
        }
    }
}
