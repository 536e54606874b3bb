using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Engine.Validation;
using NJsonSchema;
using NJsonSchema.Validation;

namespace McpPlaybooks.Engine.Schema;

/// <summary>Turns NJsonSchema's validation errors into diagnostics a playbook author can act on.</summary>
internal sealed class SchemaErrorTranslator(DocumentJson json)
{
    private const string DurationPattern = "^[0-9]+(ms|s|m|h|d)$";

    public IEnumerable<Diagnostic> Translate(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && error.Kind is ValidationErrorKind.ArrayItemNotValid
                    or ValidationErrorKind.AdditionalItemNotValid
                    or ValidationErrorKind.AdditionalPropertiesNotValid)
            {
                foreach (var inner in Translate(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }

                continue;
            }

            yield return TranslateOne(error);
        }
    }

    private Diagnostic TranslateOne(ValidationError error)
    {
        var path = ToPath(error.Path);
        var node = json.Find(path);
        var name = Describe(path);
        var schema = error.Schema?.ActualSchema;
        if (node is ScalarNode { IsBeyondInt64: true } huge && IsIntegerRangeError(error, schema))
        {
            // An integer beyond 64 bits was "must be an integer, not an integer": say that it is out of range, and which range.
            var range = Int64Range(schema);
            return Problems.Error(DiagnosticCodes.OutOfRange, $"{name} is {huge.Text}, outside the allowed range {range}", node, $"use an integer in {range}");
        }

        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var key = json.FindEntry(path)?.Key;
                var known = (schema?.ActualProperties.Keys ?? []).Order(StringComparer.Ordinal).ToList();
                var hint = Suggestions.DidYouMean(error.Property ?? "", known);
                return Problems.Error(
                    DiagnosticCodes.UnknownKey,
                    $"unknown key '{error.Property}' in {Describe(DocumentJson.Parent(path))}",
                    key?.Location ?? node.Location,
                    path,
                    hint.Length > 0 ? $"{hint} Otherwise remove it." : $"remove it; the keys allowed here are: {string.Join(", ", known)}");
            case ValidationErrorKind.PropertyRequired:
                var parent = json.Find(DocumentJson.Parent(path));
                var description = schema?.ActualProperties.GetValueOrDefault(error.Property ?? "")?.Description;
                return Problems.Error(
                    DiagnosticCodes.MissingKey,
                    $"{Describe(parent.Path)} is missing the required key '{error.Property}'",
                    parent.Location,
                    parent.Path,
                    $"add '{error.Property}:'" + (string.IsNullOrWhiteSpace(description) ? "" : $" ({FirstSentence(description)})"));
            case ValidationErrorKind.NotInEnumeration:
                var allowed = string.Join(", ", schema?.Enumeration.Select(v => v?.ToString()) ?? []);
                var given = (node as ScalarNode)?.Text ?? node.KindName;
                return Problems.Error(
                    DiagnosticCodes.ValueNotAllowed,
                    $"'{given}' is not allowed for {name}",
                    node,
                    $"use one of: {allowed}" + Hint(given, schema?.Enumeration.Select(v => v?.ToString() ?? "") ?? []));
            case ValidationErrorKind.PatternMismatch:
                return Pattern(node, name, schema);
            case ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig:
                return Problems.Error(
                    DiagnosticCodes.OutOfRange,
                    $"{name} is {(node as ScalarNode)?.Text}, outside the allowed range {Range(schema)}",
                    node,
                    $"use a value in {Range(schema)}");
            case ValidationErrorKind.TooFewItems or ValidationErrorKind.TooManyItems or ValidationErrorKind.TooFewProperties
                or ValidationErrorKind.TooManyProperties or ValidationErrorKind.StringTooShort or ValidationErrorKind.StringTooLong:
                return Problems.Error(DiagnosticCodes.OutOfRange, $"{name} {Size(error.Kind, schema)}", node, $"change {name} to fit");
            case ValidationErrorKind.ItemsNotUnique:
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

    private static Diagnostic Pattern(DocumentNode node, string name, JsonSchema? schema)
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

    private static string? ExpectedType(ValidationError error, JsonSchema? schema) => error.Kind switch
    {
        ValidationErrorKind.StringExpected => "a string",
        ValidationErrorKind.NumberExpected => "a number",
        ValidationErrorKind.IntegerExpected => "an integer",
        ValidationErrorKind.BooleanExpected => "a boolean (true or false)",
        ValidationErrorKind.ObjectExpected => "a mapping",
        ValidationErrorKind.ArrayExpected => "a list",
        ValidationErrorKind.NullExpected => "null",
        ValidationErrorKind.NoTypeValidates when schema is not null => JoinTypes(schema.Type),
        _ => null,
    };

    private static string JoinTypes(JsonObjectType type)
    {
        var names = new List<string>();
        if (type.HasFlag(JsonObjectType.String)) names.Add("a string");
        if (type.HasFlag(JsonObjectType.Boolean)) names.Add("a boolean");
        if (type.HasFlag(JsonObjectType.Integer)) names.Add("an integer");
        if (type.HasFlag(JsonObjectType.Number)) names.Add("a number");
        if (type.HasFlag(JsonObjectType.Array)) names.Add("a list");
        if (type.HasFlag(JsonObjectType.Object)) names.Add("a mapping");
        return names.Count == 0 ? "of another type" : string.Join(" or ", names);
    }

    private static string TypeFix(string expected, JsonSchema? schema) => expected switch
    {
        "a list" => "write it as a list: [a, b] or one '- item' per line",
        "a mapping" => "write it as 'key: value' pairs indented under it",
        "a string" when schema?.Pattern == DurationPattern => $"write a duration such as {Durations.Examples}",
        "a string" => "write it as text; quote it if it looks like a number or a boolean",
        _ => schema?.Description is { Length: > 0 } d ? FirstSentence(d) : $"write {expected}",
    };

    private static bool IsIntegerRangeError(ValidationError error, JsonSchema? schema) => error.Kind switch
    {
        ValidationErrorKind.IntegerExpected or ValidationErrorKind.IntegerTooBig
            or ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall => true,
        ValidationErrorKind.NoTypeValidates => schema?.Type.HasFlag(JsonObjectType.Integer) == true,
        _ => false,
    };

    /// <summary>The schema's bounds, within the 64 bits an integer may take.</summary>
    private static string Int64Range(JsonSchema? schema)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var min = schema?.Minimum is { } low ? low.ToString(culture) : long.MinValue.ToString(culture);
        var max = schema?.Maximum is { } high ? high.ToString(culture) : long.MaxValue.ToString(culture);
        return $"[{min}, {max}]";
    }

    private static string Range(JsonSchema? schema) =>
        $"[{schema?.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞"}, {schema?.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}]";

    private static string Size(ValidationErrorKind kind, JsonSchema? schema) => kind switch
    {
        ValidationErrorKind.TooFewItems => $"needs at least {schema?.MinItems} item(s)",
        ValidationErrorKind.TooManyItems => $"has more than {schema?.MaxItems} items",
        ValidationErrorKind.TooFewProperties => $"needs at least {schema?.MinProperties} key(s)",
        ValidationErrorKind.TooManyProperties => $"has more than {schema?.MaxProperties} keys",
        ValidationErrorKind.StringTooShort => $"must be at least {schema?.MinLength} character(s) long",
        _ => $"must be at most {schema?.MaxLength} characters long",
    };

    private static string Hint(string given, IEnumerable<string> candidates) =>
        Suggestions.DidYouMean(given, candidates) is { Length: > 0 } hint ? $" ({hint})" : "";

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? text[..end] : text).TrimEnd('.').Trim();
    }

    /// <summary>NJsonSchema's <c>#/steps[1].with</c> is our <c>steps[1].with</c>.</summary>
    private static string ToPath(string? path) =>
        path is null or "#" ? "" : path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(string path) => path.Length == 0 ? "the playbook" : $"'{path}'";
}
