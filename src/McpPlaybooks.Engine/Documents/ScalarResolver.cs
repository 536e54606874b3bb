using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Documents;

/// <summary>Resolves a plain scalar's type under the YAML 1.2 core schema: <c>yes</c>, <c>on</c> and <c>no</c> stay strings.</summary>
internal static partial class ScalarResolver
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static ScalarType Resolve(string text, bool plain, string? tag)
    {
        if (!plain || tag == StringTag || tag == "!")
        {
            return ScalarType.String;
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => ScalarType.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarType.Boolean,
            _ when IntegerPattern().IsMatch(text) => ScalarType.Integer,
            _ when FloatPattern().IsMatch(text) => ScalarType.Float,
            _ => ScalarType.String,
        };
    }

    [GeneratedRegex(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
