using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// Reads <c>prompts/*.md</c>: YAML front matter between <c>---</c> lines (<c>name</c>, the file's own name;
/// <c>title</c>; <c>description</c>; <c>arguments</c>, each with <c>name</c>, <c>description</c> and <c>required</c>),
/// then the markdown template. Anything wrong throws <see cref="PromptFileException"/> naming the file.
/// </summary>
internal static partial class PromptFileLoader
{
    private static readonly string[] TopKeys = ["name", "title", "description", "arguments"];
    private static readonly string[] ArgumentKeys = ["name", "description", "required"];

    public static IReadOnlyList<PromptDefinition> LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new PromptFileException($"{directory}: the prompt folder does not exist (the prompts ship beside the executable, in prompts/)");
        }

        return [.. Directory.EnumerateFiles(directory, "*.md")
            .Where(p => !Path.GetFileName(p).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(LoadFile)];
    }

    public static PromptDefinition LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var match = FrontMatter().Match(text);
        if (!match.Success)
        {
            throw Problem(path, null, "the file must start with YAML front matter between two '---' lines");
        }

        var front = ParseFrontMatter(path, match.Groups["yaml"].Value);
        var name = Scalar(path, front, "name", required: true)!;
        if (name != Path.GetFileNameWithoutExtension(path))
        {
            throw Problem(path, front, $"name '{name}' must be the file's name ('{Path.GetFileNameWithoutExtension(path)}')");
        }

        var arguments = Arguments(path, front);
        var body = text[match.Length..];
        if (string.IsNullOrWhiteSpace(body))
        {
            throw Problem(path, null, "the prompt text after the front matter is empty");
        }

        PromptTemplate template;
        try
        {
            template = PromptTemplate.Parse(body);
        }
        catch (FormatException e)
        {
            throw Problem(path, null, e.Message);
        }

        if (template.Names.FirstOrDefault(n => arguments.All(a => a.Name != n)) is { } undeclared)
        {
            throw Problem(path, null, $"the text uses '{{{{{undeclared}}}}}', which is not one of its arguments ({string.Join(", ", arguments.Select(a => a.Name))})");
        }

        return new PromptDefinition(name, Scalar(path, front, "title", required: false), Scalar(path, front, "description", required: true)!, arguments, template) { Fingerprint = text };
    }

    private static YamlMappingNode ParseFrontMatter(string path, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new PromptFileException($"{path}:{e.Start.Line + 1}: the front matter is not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Problem(path, null, "the front matter must be a YAML mapping (name, title, description, arguments)");
        }

        CheckKeys(path, root, TopKeys, "the front matter");
        return root;
    }

    private static List<PromptArgumentSpec> Arguments(string path, YamlMappingNode front)
    {
        var arguments = new List<PromptArgumentSpec>();
        if (!front.Children.TryGetValue(new YamlScalarNode("arguments"), out var node))
        {
            return arguments;
        }

        if (node is not YamlSequenceNode list)
        {
            throw Problem(path, node, "arguments must be a list of mappings (name, description, required)");
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode argument)
            {
                throw Problem(path, item, "each argument must be a mapping (name, description, required)");
            }

            CheckKeys(path, argument, ArgumentKeys, "an argument");
            var name = Scalar(path, argument, "name", required: true)!;
            if (!ArgumentName().IsMatch(name) || arguments.Any(a => a.Name == name))
            {
                throw Problem(path, argument, $"argument name '{name}' must be unique, in lowercase letters, digits and underscores");
            }

            var required = Scalar(path, argument, "required", required: false) ?? "false";
            if (required is not ("true" or "false"))
            {
                throw Problem(path, argument, $"required of '{name}' must be true or false, not '{required}'");
            }

            arguments.Add(new PromptArgumentSpec(name, Scalar(path, argument, "description", required: true)!, required == "true"));
        }

        return arguments;
    }

    private static void CheckKeys(string path, YamlMappingNode node, string[] allowed, string what)
    {
        foreach (var key in node.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !allowed.Contains(name))
            {
                throw Problem(path, key, $"{what} has an unknown key '{key}'; its keys are {string.Join(", ", allowed)}");
            }
        }
    }

    private static string? Scalar(string path, YamlMappingNode node, string key, bool required)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return required ? throw Problem(path, node, $"'{key}' is missing") : null;
        }

        return value is YamlScalarNode { Value: { Length: > 0 } text } && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw Problem(path, value, $"'{key}' must be a non-empty text");
    }

    /// <summary>The front matter starts on line 2, so a node's line in it is one more in the file.</summary>
    private static PromptFileException Problem(string path, YamlNode? node, string message) =>
        new(node is null ? $"{path}: {message}" : $"{path}:{node.Start.Line + 1}: {message}");

    [GeneratedRegex(@"\A---[ \t]*\n(?<yaml>.*?)\n---[ \t]*(\n|\z)", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex ArgumentName();
}
