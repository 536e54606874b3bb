using Microsoft.Extensions.Configuration;

namespace McpPlaybooks.Server.Hosting;

/// <summary>One layer of <see cref="ServeConfiguration"/>: a file, the environment or the flags, and how to name a setting's place in it.</summary>
/// <param name="Configuration">The layer's values, by configuration key (case-insensitive).</param>
/// <param name="Describe">Names where a setting is set in this layer, for messages: the flag, the variable, or the key and file.</param>
internal sealed record ServeConfigurationLayer(IConfiguration Configuration, Func<ServeSetting, string> Describe)
{
    /// <summary>Whether this layer sets <paramref name="setting"/>: a value, or (for a list) items.</summary>
    public bool Sets(ServeSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var section = Configuration.GetSection(setting.Key);
        return !string.IsNullOrWhiteSpace(section.Value) || (setting.IsList && section.GetChildren().Any());
    }
}
