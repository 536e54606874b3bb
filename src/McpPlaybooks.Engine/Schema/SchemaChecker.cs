using System.Globalization;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Schema;

/// <summary>
/// Checks a document against the playbook schema with our own walk of its nodes (the keywords the schema uses), so the
/// server needs no JSON Schema library at run time. The tests hold it to NJsonSchema's verdict on every golden case.
/// A scalar counts as YAML resolved it: a boolean, an integer, a number, null, or else a string.
/// </summary>
internal static class SchemaChecker
{
    private static readonly SchemaTypes[] SingleTypes =
        [SchemaTypes.String, SchemaTypes.Boolean, SchemaTypes.Integer, SchemaTypes.Number, SchemaTypes.Array, SchemaTypes.Object, SchemaTypes.Null];

    private enum Token
    {
        Object,
        Array,
        Boolean,
        Integer,
        Number,
        Null,
        String,
    }

    public static List<SchemaError> Check(DocumentNode root, SchemaNode schema)
    {
        var errors = new List<SchemaError>();
        Check(root, schema.Actual, root.Path, errors);
        return errors;
    }

    private static void Check(DocumentNode node, SchemaNode schema, string path, List<SchemaError> errors)
    {
        if (SingleTypes.Count(t => schema.Type.HasFlag(t)) > 1)
        {
            // One of the types must fit, with all its checks; the errors of the types that did not fit are not reported.
            var fits = SingleTypes.Where(t => schema.Type.HasFlag(t)).Any(type =>
            {
                var attempt = new List<SchemaError>();
                CheckType(node, schema, type, path, attempt);
                return attempt.Count == 0;
            });
            if (!fits)
            {
                errors.Add(new SchemaError(SchemaErrorKind.NoTypeValidates, path, schema));
            }
        }
        else
        {
            CheckType(node, schema, schema.Type, path, errors);
        }

        if (schema.Enumeration.Count > 0 && !schema.Enumeration.Contains(Text(node), StringComparer.Ordinal))
        {
            errors.Add(new SchemaError(SchemaErrorKind.NotInEnumeration, path, schema));
        }

        CheckProperties(node, schema, path, errors);
    }

    private static void CheckType(DocumentNode node, SchemaNode schema, SchemaTypes type, string path, List<SchemaError> errors)
    {
        var token = TokenOf(node);
        if (node is SequenceNode list)
        {
            CheckList(list, schema, path, errors);
        }
        else if (type.HasFlag(SchemaTypes.Array))
        {
            errors.Add(new SchemaError(SchemaErrorKind.ArrayExpected, path, schema));
        }

        if (token == Token.String)
        {
            CheckString(((ScalarNode)node).Text, schema, path, errors);
        }
        else if (type.HasFlag(SchemaTypes.String))
        {
            errors.Add(new SchemaError(SchemaErrorKind.StringExpected, path, schema));
        }

        if (token is Token.Integer or Token.Number)
        {
            CheckRange((ScalarNode)node, schema, path, errors);
        }
        else if (type.HasFlag(SchemaTypes.Number))
        {
            errors.Add(new SchemaError(SchemaErrorKind.NumberExpected, path, schema));
        }

        Expect(type, SchemaTypes.Integer, token == Token.Integer, SchemaErrorKind.IntegerExpected);
        Expect(type, SchemaTypes.Boolean, token == Token.Boolean, SchemaErrorKind.BooleanExpected);
        Expect(type, SchemaTypes.Object, token == Token.Object, SchemaErrorKind.ObjectExpected);

        void Expect(SchemaTypes allowed, SchemaTypes flag, bool isIt, SchemaErrorKind kind)
        {
            if (allowed.HasFlag(flag) && !isIt)
            {
                errors.Add(new SchemaError(kind, path, schema));
            }
        }
    }

    private static void CheckList(SequenceNode list, SchemaNode schema, string path, List<SchemaError> errors)
    {
        if (schema.MinItems > 0 && list.Items.Count < schema.MinItems)
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooFewItems, path, schema));
        }

        if (schema.MaxItems > 0 && list.Items.Count > schema.MaxItems)
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooManyItems, path, schema));
        }

        if (schema.UniqueItems && list.Items.Select(Text).Distinct(StringComparer.Ordinal).Count() != list.Items.Count)
        {
            errors.Add(new SchemaError(SchemaErrorKind.ItemsNotUnique, path, schema));
        }

        if (schema.Items is { } items)
        {
            foreach (var item in list.Items)
            {
                Check(item, items.Actual, item.Path, errors);
            }
        }
    }

    private static void CheckString(string text, SchemaNode schema, string path, List<SchemaError> errors)
    {
        if (schema.PatternRegex is { } pattern && !pattern.IsMatch(text))
        {
            errors.Add(new SchemaError(SchemaErrorKind.PatternMismatch, path, schema));
        }

        if (schema.MinLength is { } min && text.Length < min)
        {
            errors.Add(new SchemaError(SchemaErrorKind.StringTooShort, path, schema));
        }

        if (schema.MaxLength is { } max && text.Length > max)
        {
            errors.Add(new SchemaError(SchemaErrorKind.StringTooLong, path, schema));
        }
    }

    private static void CheckRange(ScalarNode scalar, SchemaNode schema, string path, List<SchemaError> errors)
    {
        var value = scalar.TryGetInteger(out var integer) ? integer : scalar.TryGetNumber(out var number) ? number : 0d;
        if (schema.Minimum is { } min && value < (double)min)
        {
            errors.Add(new SchemaError(SchemaErrorKind.NumberTooSmall, path, schema));
        }

        if (schema.Maximum is { } max && value > (double)max)
        {
            errors.Add(new SchemaError(SchemaErrorKind.NumberTooBig, path, schema));
        }
    }

    private static void CheckProperties(DocumentNode node, SchemaNode schema, string path, List<SchemaError> errors)
    {
        var map = node as MappingNode;
        foreach (var name in schema.PropertyNames)
        {
            if (map?[name] is { } value)
            {
                Check(value, schema.Property(name)!.Actual, value.Path, errors);
            }
            else if (schema.Required.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, Join(path, name), schema, name));
            }
        }

        foreach (var name in schema.Required.Where(r => schema.Property(r) is null && map?[r] is null))
        {
            errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, Join(path, name), schema, name));
        }

        if (map is null)
        {
            return;
        }

        var names = map.Entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).ToList();
        if (schema.MaxProperties > 0 && names.Count > schema.MaxProperties)
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooManyProperties, path, schema));
        }

        if (schema.MinProperties > 0 && names.Count < schema.MinProperties)
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooFewProperties, path, schema));
        }

        foreach (var name in names.Where(n => schema.Property(n) is null))
        {
            var value = map[name]!;
            if (schema.PatternProperties.FirstOrDefault(p => p.Pattern.IsMatch(name)).Schema is { } patterned)
            {
                Check(value, patterned.Actual, value.Path, errors);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Check(value, additional.Actual, value.Path, errors);
            }
            else if (!schema.AllowAdditionalProperties)
            {
                errors.Add(new SchemaError(SchemaErrorKind.NoAdditionalPropertiesAllowed, value.Path, schema, name));
            }
        }
    }

    private static Token TokenOf(DocumentNode node) => node switch
    {
        MappingNode => Token.Object,
        SequenceNode => Token.Array,
        ScalarNode s when s.TryGetBoolean(out _) => Token.Boolean,
        ScalarNode s when s.TryGetInteger(out _) => Token.Integer,
        ScalarNode s when s.TryGetNumber(out _) => Token.Number,
        ScalarNode { Type: ScalarType.Null } => Token.Null,
        ScalarNode => Token.String,
        _ => Token.Null,
    };

    /// <summary>A value as text, to compare with an enumeration's values and to find repeated items.</summary>
    private static string Text(DocumentNode node) => node switch
    {
        MappingNode map => "{" + string.Join(",", map.Entries.Select(e => Quote(e.Name) + ":" + Text(e.Value))) + "}",
        SequenceNode list => "[" + string.Join(",", list.Items.Select(Text)) + "]",
        ScalarNode s when s.TryGetBoolean(out var boolean) => boolean ? "True" : "False",
        ScalarNode s when s.TryGetInteger(out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        ScalarNode s when s.TryGetNumber(out var number) => number.ToString(CultureInfo.InvariantCulture),
        ScalarNode { Type: ScalarType.Null } => "",
        ScalarNode s => s.Text,
        _ => "",
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
