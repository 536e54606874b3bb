using System.Text.Json;
using McpPlaybooks.Server.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// The prompts of <see cref="ServerSettings.PromptDirectory"/>, loaded once (a bad file throws
/// <see cref="PromptFileException"/>), listed and rendered. A wrong name, an unknown argument or a missing required
/// one is a protocol error (invalid params) that names what the prompt takes.
/// </summary>
internal sealed class PromptLibrary
{
    public PromptLibrary(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Prompts = PromptFileLoader.LoadDirectory(settings.PromptDirectory);
    }

    public IReadOnlyList<PromptDefinition> Prompts { get; }

    public ListPromptsResult List() => new() { Prompts = [.. Prompts.Select(p => p.ToProtocol())] };

    public GetPromptResult Get(string? name, IDictionary<string, JsonElement>? arguments)
    {
        var prompt = Prompts.FirstOrDefault(p => p.Name == name)
            ?? throw new McpProtocolException($"Unknown prompt '{name}'. The prompts are {string.Join(", ", Prompts.Select(p => p.Name))}.", McpErrorCode.InvalidParams);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (prompt.Arguments.All(a => a.Name != key))
            {
                throw new McpProtocolException($"Prompt '{prompt.Name}' has no argument '{key}'; it takes {Describe(prompt)}.", McpErrorCode.InvalidParams);
            }

            values[key] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? string.Empty,
                JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
                _ => value.GetRawText(),
            };
        }

        var missing = prompt.Arguments.Where(a => a.Required && string.IsNullOrWhiteSpace(values.GetValueOrDefault(a.Name))).Select(a => a.Name).ToList();
        if (missing.Count > 0)
        {
            throw new McpProtocolException($"Prompt '{prompt.Name}' needs the argument {string.Join(" and ", missing.Select(m => $"'{m}'"))}; it takes {Describe(prompt)}.", McpErrorCode.InvalidParams);
        }

        return new GetPromptResult
        {
            Description = prompt.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = prompt.Template.Render(values) } }],
        };
    }

    private static string Describe(PromptDefinition prompt) =>
        prompt.Arguments.Count == 0 ? "no arguments" : string.Join(", ", prompt.Arguments.Select(a => a.Required ? a.Name + " (required)" : a.Name));
}
