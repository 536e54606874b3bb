using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>What the mutator needs to know about the lines of a block-style YAML document, by text alone.</summary>
internal static partial class YamlLines
{
    /// <summary>A <c>key: value</c> line, maybe a list item (<c>- key: value</c>); <c>rest</c> is what follows the colon.</summary>
    [GeneratedRegex(@"^(?<lead>[ \t]*(?:-[ ]+)?)(?<key>[A-Za-z_][A-Za-z0-9_-]*)[ ]*:(?<rest>(?:[ \t].*)?)$", RegexOptions.CultureInvariant)]
    public static partial Regex KeyLine();

    /// <summary>A list item holding a scalar or flow value: <c>- value</c>.</summary>
    [GeneratedRegex(@"^(?<lead>[ \t]*-[ ]+)(?<value>[^\s#].*)$", RegexOptions.CultureInvariant)]
    public static partial Regex ItemLine();

    /// <summary>The operators of the expression language, as written in <c>when</c>, <c>that</c> and templates.</summary>
    [GeneratedRegex(@"==|!=|&&|\|\||<=|>=|[<>!()']", RegexOptions.CultureInvariant)]
    public static partial Regex ExpressionOperator();

    public static List<string> Split(string text) => [.. text.Split('\n')];

    public static string Join(List<string> lines) => string.Join('\n', lines);

    public static int Indentation(string line) => line.Length - line.TrimStart(' ').Length;

    public static bool IsContent(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 0 && !trimmed.StartsWith('#');
    }

    /// <summary>The end (exclusive) of the block that <paramref name="start"/> opens: the following lines indented deeper, and blank lines among them.</summary>
    public static int BlockEnd(List<string> lines, int start)
    {
        var indentation = Indentation(lines[start]);
        var end = start + 1;
        var last = start;
        while (end < lines.Count)
        {
            if (IsContent(lines[end]))
            {
                if (Indentation(lines[end]) <= indentation)
                {
                    break;
                }

                last = end;
            }

            end++;
        }

        return last + 1;
    }

    /// <summary>The lines as a YAML reader counts them: CR LF, CR, LF, NEL, LS and PS all end a line.</summary>
    public static string[] SplitAsYaml(string text) => YamlBreak().Split(text);

    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029]", RegexOptions.CultureInvariant)]
    private static partial Regex YamlBreak();
}
