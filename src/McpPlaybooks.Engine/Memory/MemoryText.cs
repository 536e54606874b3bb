using System.Globalization;

namespace McpPlaybooks.Engine.Memory;

/// <summary>How the memory writes measured numbers in its sentences.</summary>
internal static class MemoryText
{
    /// <summary>A measured duration, rounded: <c>850ms</c>, <c>4.2s</c>, <c>41s</c>, <c>2.5m</c>.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(duration.TotalMilliseconds):0}ms"),
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#}s"),
        < 120_000 => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(duration.TotalSeconds):0}s"),
        < 7_200_000 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.#}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.#}h"),
    };
}
