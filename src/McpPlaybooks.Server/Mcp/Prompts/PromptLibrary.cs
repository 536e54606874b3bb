using System.Text.Json;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// The prompts of <see cref="ServerSettings.PromptDirectory"/>, loaded at start (a bad file throws
/// <see cref="PromptFileException"/>), listed and rendered, and loaded again when a file changes (<see cref="Reload"/>,
/// called by <see cref="PromptWatcher"/>). A wrong name, an unknown argument, a missing required one or one too long is a
/// protocol error (invalid params) that names what the prompt takes.
/// </summary>
internal sealed partial class PromptLibrary
{
    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private volatile Loaded _loaded;

    public PromptLibrary(ServerSettings settings, ILogger<PromptLibrary> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _directory = settings.PromptDirectory;
        _logger = logger;
        _loaded = Load(_directory);
    }

    public IReadOnlyList<PromptDefinition> Prompts => _loaded.Prompts;

    /// <summary>
    /// Reads the prompt folder again; true when the prompts served changed (a file added, edited or deleted). A folder
    /// that cannot be served now (a malformed file, half written) keeps the prompts served so far and says why in the log.
    /// </summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            Loaded next;
            try
            {
                next = Load(_directory);
            }
            catch (Exception e) when (e is PromptFileException or IOException or UnauthorizedAccessException)
            {
                LogReloadFailed(_logger, e.Message);
                return false;
            }

            if (next.Fingerprint == _loaded.Fingerprint)
            {
                return false;
            }

            _loaded = next;
            LogReloaded(_logger, next.Prompts.Count, _directory);
            return true;
        }
    }

    public ListPromptsResult List() => new() { Prompts = [.. Prompts.Select(p => p.ToProtocol())] };

    /// <summary>
    /// The prompt and its arguments' values, checked: a known prompt, known arguments within their length
    /// (<see cref="PromptArgumentLimits"/>), the required ones given. Whether the ids name something is
    /// <see cref="PromptReferences"/>'s to check.
    /// </summary>
    public PromptCall Bind(string? name, IDictionary<string, JsonElement>? arguments)
    {
        var prompt = Prompts.FirstOrDefault(p => p.Name == name)
            ?? throw new McpProtocolException($"Unknown prompt '{Echo.Of(name)}'. The prompts are {string.Join(", ", Prompts.Select(p => p.Name))}.", McpErrorCode.InvalidParams);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (prompt.Arguments.All(a => a.Name != key))
            {
                throw new McpProtocolException($"Prompt '{prompt.Name}' has no argument '{Echo.Of(key)}'; it takes {Describe(prompt)}.", McpErrorCode.InvalidParams);
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? string.Empty,
                JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
                _ => value.GetRawText(),
            };
            var max = PromptArgumentLimits.MaxChars(key);
            if (text.Length > max)
            {
                throw new McpProtocolException($"Prompt '{prompt.Name}' takes at most {max} characters in '{key}'; it got {text.Length}.", McpErrorCode.InvalidParams);
            }

            values[key] = text;
        }

        var missing = prompt.Arguments.Where(a => a.Required && string.IsNullOrWhiteSpace(values.GetValueOrDefault(a.Name))).Select(a => a.Name).ToList();
        if (missing.Count > 0)
        {
            throw new McpProtocolException($"Prompt '{prompt.Name}' needs the argument {string.Join(" and ", missing.Select(m => $"'{m}'"))}; it takes {Describe(prompt)}.", McpErrorCode.InvalidParams);
        }

        return new PromptCall(prompt, values);
    }

    public static GetPromptResult Render(PromptCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new GetPromptResult
        {
            Description = call.Prompt.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = call.Prompt.Template.Render(call.Values) } }],
        };
    }

    private static string Describe(PromptDefinition prompt) =>
        prompt.Arguments.Count == 0 ? "no arguments" : string.Join(", ", prompt.Arguments.Select(a => a.Required ? a.Name + " (required)" : a.Name));

    private static Loaded Load(string directory)
    {
        var prompts = PromptFileLoader.LoadDirectory(directory);
        var fingerprint = string.Join("\n\u0001", prompts.Select(p => p.Fingerprint));
        return new Loaded(prompts, fingerprint);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The prompts were not reloaded; the ones served so far stay: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded {Count} prompts from {Directory}")]
    private static partial void LogReloaded(ILogger logger, int count, string directory);

    private sealed record Loaded(IReadOnlyList<PromptDefinition> Prompts, string Fingerprint);
}
