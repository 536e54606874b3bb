using Microsoft.Extensions.Configuration;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// The configuration of <c>serve</c> in the usual .NET order, the later winning: <c>appsettings.json</c> beside the
/// executable, <c>appsettings.json</c> in the current directory (both optional), the <c>MCPPLAYBOOKS_*</c> environment
/// variables, then the flags. A list (such as <c>Playbooks</c>) is taken whole from the last layer that sets it, never
/// merged item by item. Each value knows where it came from, so that a problem names the file, variable or flag to fix.
/// </summary>
internal sealed class ServeConfiguration
{
    public const string FileName = "appsettings.json";

    /// <summary>The layers, lowest first.</summary>
    private readonly IReadOnlyList<ServeConfigurationLayer> _layers;

    private ServeConfiguration(IReadOnlyList<ServeConfigurationLayer> layers)
    {
        _layers = layers;
    }

    /// <summary>Reads the layers; a file that cannot be read adds a problem and is left out.</summary>
    /// <param name="baseDirectory">The executable's folder (<see cref="AppContext.BaseDirectory"/>).</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <param name="environment">Reads one environment variable; null when unset.</param>
    /// <param name="flags">The flags given, by configuration key: one value for a single setting, any number for a list.</param>
    /// <param name="problems">Collects what could not be read.</param>
    public static ServeConfiguration Build(
        string baseDirectory,
        string currentDirectory,
        Func<string, string?> environment,
        IReadOnlyDictionary<string, IReadOnlyList<string>> flags,
        ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(problems);
        var layers = new List<ServeConfigurationLayer>();
        var files = new[] { Path.Combine(baseDirectory, FileName), Path.Combine(currentDirectory, FileName) }
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal);
        foreach (var file in files.Where(File.Exists))
        {
            try
            {
                var json = new ConfigurationBuilder().AddJsonFile(file, optional: true, reloadOnChange: false).Build();
                layers.Add(new ServeConfigurationLayer(json, setting => $"{setting.Key} in {file}"));
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"cannot read {file}: {(e.InnerException ?? e).Message}");
            }
        }

        var variables = ServeSettings.All
            .Select(setting => KeyValuePair.Create(setting.Key, environment(setting.Variable)))
            .Where(pair => !string.IsNullOrWhiteSpace(pair.Value));
        layers.Add(new ServeConfigurationLayer(InMemory(variables), setting => setting.Variable));

        var given = flags.SelectMany(flag => ServeSettings.All.Single(s => s.Key == flag.Key).IsList
            ? flag.Value.Select((value, i) => KeyValuePair.Create<string, string?>($"{flag.Key}:{i}", value))
            : flag.Value.Take(1).Select(value => KeyValuePair.Create<string, string?>(flag.Key, value)));
        layers.Add(new ServeConfigurationLayer(InMemory(given), setting => setting.Flag ?? setting.Key));
        return new ServeConfiguration(layers);
    }

    /// <summary>A single setting's value from the last layer that sets it; null when none does.</summary>
    public string? Value(ServeSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Top(setting)?.Configuration[setting.Key];
    }

    /// <summary>
    /// A list setting's items from the last layer that sets it (a JSON array, repeated flags, or one string split at the
    /// setting's separator); null when no layer does.
    /// </summary>
    public IReadOnlyList<string>? Values(ServeSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (Top(setting)?.Configuration is not { } configuration)
        {
            return null;
        }

        if (configuration[setting.Key] is { } single)
        {
            return single.Split(setting.Separator ?? ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        return [.. configuration.GetSection(setting.Key).GetChildren()
            .OrderBy(child => int.TryParse(child.Key, out var index) ? index : int.MaxValue)
            .Select(child => child.Value)
            .OfType<string>()];
    }

    /// <summary>Where the setting's value comes from (the flag, the variable, or the key in a file); its variable when unset.</summary>
    public string Source(ServeSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Top(setting)?.Describe(setting) ?? setting.Variable;
    }

    private ServeConfigurationLayer? Top(ServeSetting setting) =>
        _layers.LastOrDefault(layer => layer.Sets(setting));

    private static IConfigurationRoot InMemory(IEnumerable<KeyValuePair<string, string?>> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
