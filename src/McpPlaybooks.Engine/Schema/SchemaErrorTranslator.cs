using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Schema;

/// <summary>Turns schema errors (<see cref="SchemaChecker"/>) into diagnostics a playbook author can act on.</summary>
internal sealed class SchemaErrorTranslator(DocumentIndex json)
{
    private const string DurationPattern = "^[0-9]+(ms|s|m|h|d)$";

    public IEnumerable<Diagnostic> Translate(IEnumerable<SchemaError> errors) => errors.Select(TranslateOne);

    private Diagnostic TranslateOne(SchemaError error)
    {
        var path = error.Path;
        var node = json.Find(path);
        var name = Describe(path);
        var schema = error.Schema;
        if (node is ScalarNode { IsBeyondInt64: true } huge && IsIntegerRangeError(error, schema))
        {
            // An integer beyond 64 bits was "must be an integer, not an integer": say that it is out of range, and which range.
            var range = Int64Range(schema);
            return Problems.Error(DiagnosticCodes.OutOfRange, $"{name} is {huge.Text}, outside the allowed range {range}", node, $"use an integer in {range}");
        }

        switch (error.Kind)
        {
            case SchemaErrorKind.NoAdditionalPropertiesAllowed:
                var key = json.FindEntry(path)?.Key;
                var known = schema.PropertyNames.Order(StringComparer.Ordinal).ToList();
                var hint = Suggestions.DidYouMean(error.Property ?? "", known);
                return Problems.Error(
                    DiagnosticCodes.UnknownKey,
                    $"unknown key '{error.Property}' in {Describe(DocumentIndex.Parent(path))}",
                    key?.Location ?? node.Location,
                    path,
                    hint.Length > 0 ? $"{hint} Otherwise remove it." : $"remove it; the keys allowed here are: {string.Join(", ", known)}");
            case SchemaErrorKind.PropertyRequired:
                var parent = json.Find(DocumentIndex.Parent(path));
                var description = schema.Property(error.Property ?? "")?.Description;
                return Problems.Error(
                    DiagnosticCodes.MissingKey,
                    $"{Describe(parent.Path)} is missing the required key '{error.Property}'",
                    parent.Location,
                    parent.Path,
                    $"add '{error.Property}:'" + (string.IsNullOrWhiteSpace(description) ? "" : $" ({FirstSentence(description)})"));
            case SchemaErrorKind.NotInEnumeration:
                var allowed = string.Join(", ", schema.Enumeration);
                var given = (node as ScalarNode)?.Text ?? node.KindName;
                return Problems.Error(
                    DiagnosticCodes.ValueNotAllowed,
                    $"'{given}' is not allowed for {name}",
                    node,
                    $"use one of: {allowed}" + Hint(given, schema.Enumeration));
            case SchemaErrorKind.PatternMismatch:
                return Pattern(node, name, schema);
            case SchemaErrorKind.NumberTooSmall or SchemaErrorKind.NumberTooBig:
                return Problems.Error(
                    DiagnosticCodes.OutOfRange,
                    $"{name} is {(node as ScalarNode)?.Text}, outside the allowed range {Range(schema)}",
                    node,
                    $"use a value in {Range(schema)}");
            case SchemaErrorKind.TooFewItems or SchemaErrorKind.TooManyItems or SchemaErrorKind.TooFewProperties
                or SchemaErrorKind.TooManyProperties or SchemaErrorKind.StringTooShort or SchemaErrorKind.StringTooLong:
                return Problems.Error(DiagnosticCodes.OutOfRange, $"{name} {Size(error.Kind, schema)}", node, $"change {name} to fit");
            case SchemaErrorKind.ItemsNotUnique:
                return Problems.Error(DiagnosticCodes.ValueNotAllowed, $"{name} lists the same item twice", node, "remove the repeated item");
            default:
                if (ExpectedType(error, schema) is { } expected)
                {
                    return Problems.Error(
                        DiagnosticCodes.WrongType,
                        $"{name} must be {expected}, not {node.KindName}",
                        node,
                        TypeFix(expected, schema));
                }

                return Problems.Error(
                    DiagnosticCodes.SchemaViolation,
                    $"{name} does not fit the playbook format ({error.Kind})",
                    node,
                    schema?.Description is { Length: > 0 } d ? FirstSentence(d) : "see schema/playbook.schema.json for the allowed form");
        }
    }

    private static Diagnostic Pattern(DocumentNode node, string name, SchemaNode? schema)
    {
        var text = (node as ScalarNode)?.Text ?? "";
        if (schema?.Pattern == DurationPattern)
        {
            return Problems.Error(
                DiagnosticCodes.InvalidDuration,
                $"'{text}' is not a duration ({name})",
                node,
                $"write a whole number and a unit, such as {Durations.Examples}");
        }

        var fix = schema?.Description is { Length: > 0 } description
            ? FirstSentence(description)
            : $"match the pattern {schema?.Pattern}";
        return Problems.Error(DiagnosticCodes.ValueNotAllowed, $"'{text}' is not a valid value for {name}", node, fix);
    }

    private static string? ExpectedType(SchemaError error, SchemaNode? schema) => error.Kind switch
    {
        SchemaErrorKind.StringExpected => "a string",
        SchemaErrorKind.NumberExpected => "a number",
        SchemaErrorKind.IntegerExpected => "an integer",
        SchemaErrorKind.BooleanExpected => "a boolean (true or false)",
        SchemaErrorKind.ObjectExpected => "a mapping",
        SchemaErrorKind.ArrayExpected => "a list",
        SchemaErrorKind.NoTypeValidates when schema is not null => JoinTypes(schema.Type),
        _ => null,
    };

    private static string JoinTypes(SchemaTypes type)
    {
        var names = new List<string>();
        if (type.HasFlag(SchemaTypes.String)) names.Add("a string");
        if (type.HasFlag(SchemaTypes.Boolean)) names.Add("a boolean");
        if (type.HasFlag(SchemaTypes.Integer)) names.Add("an integer");
        if (type.HasFlag(SchemaTypes.Number)) names.Add("a number");
        if (type.HasFlag(SchemaTypes.Array)) names.Add("a list");
        if (type.HasFlag(SchemaTypes.Object)) names.Add("a mapping");
        return names.Count == 0 ? "of another type" : string.Join(" or ", names);
    }

    private static string TypeFix(string expected, SchemaNode? schema) => expected switch
    {
        "a list" => "write it as a list: [a, b] or one '- item' per line",
        "a mapping" => "write it as 'key: value' pairs indented under it",
        "a string" when schema?.Pattern == DurationPattern => $"write a duration such as {Durations.Examples}",
        "a string" => "write it as text; quote it if it looks like a number or a boolean",
        _ => schema?.Description is { Length: > 0 } d ? FirstSentence(d) : $"write {expected}",
    };

    private static bool IsIntegerRangeError(SchemaError error, SchemaNode? schema) => error.Kind switch
    {
        SchemaErrorKind.IntegerExpected
            or SchemaErrorKind.NumberTooBig or SchemaErrorKind.NumberTooSmall => true,
        SchemaErrorKind.NoTypeValidates => schema?.Type.HasFlag(SchemaTypes.Integer) == true,
        _ => false,
    };

    /// <summary>The schema's bounds, within the 64 bits an integer may take.</summary>
    private static string Int64Range(SchemaNode? schema)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var min = schema?.Minimum is { } low ? low.ToString(culture) : long.MinValue.ToString(culture);
        var max = schema?.Maximum is { } high ? high.ToString(culture) : long.MaxValue.ToString(culture);
        return $"[{min}, {max}]";
    }

    private static string Range(SchemaNode? schema) =>
        $"[{schema?.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞"}, {schema?.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}]";

    private static string Size(SchemaErrorKind kind, SchemaNode? schema) => kind switch
    {
        SchemaErrorKind.TooFewItems => $"needs at least {schema?.MinItems} item(s)",
        SchemaErrorKind.TooManyItems => $"has more than {schema?.MaxItems} items",
        SchemaErrorKind.TooFewProperties => $"needs at least {schema?.MinProperties} key(s)",
        SchemaErrorKind.TooManyProperties => $"has more than {schema?.MaxProperties} keys",
        SchemaErrorKind.StringTooShort => $"must be at least {schema?.MinLength} character(s) long",
        _ => $"must be at most {schema?.MaxLength} characters long",
    };

    private static string Hint(string given, IEnumerable<string> candidates) =>
        Suggestions.DidYouMean(given, candidates) is { Length: > 0 } hint ? $" ({hint})" : "";

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? text[..end] : text).TrimEnd('.').Trim();
    }

    private static string Describe(string path) => path.Length == 0 ? "the playbook" : $"'{path}'";
}
