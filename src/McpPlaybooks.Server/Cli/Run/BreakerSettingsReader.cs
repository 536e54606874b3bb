using System.Globalization;
using McpPlaybooks.Engine.Configuration;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Reads the circuit breakers' thresholds (<c>Resilience:Breaker:*</c> in <c>appsettings.json</c>, or their
/// <c>MCPPLAYBOOKS_RESILIENCE_BREAKER_*</c> variables): a value out of its range adds a sentence naming the variable
/// and the range, and keeps the default.
/// </summary>
internal static class BreakerSettingsReader
{
    public const string Enabled = "MCPPLAYBOOKS_RESILIENCE_BREAKER_ENABLED";
    public const string MinimumCalls = "MCPPLAYBOOKS_RESILIENCE_BREAKER_MINIMUM_CALLS";
    public const string FailureRatio = "MCPPLAYBOOKS_RESILIENCE_BREAKER_FAILURE_RATIO";
    public const string WindowSeconds = "MCPPLAYBOOKS_RESILIENCE_BREAKER_WINDOW_SECONDS";
    public const string OpenSeconds = "MCPPLAYBOOKS_RESILIENCE_BREAKER_OPEN_SECONDS";

    /// <summary>The most calls <see cref="MinimumCalls"/> may ask for.</summary>
    public const int MostMinimumCalls = 10_000;

    /// <summary>The longest window or break, in seconds (a day).</summary>
    public const int MostSeconds = 86_400;

    public static CircuitBreakerSettings Read(Func<string, string?> environment, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        var defaults = new CircuitBreakerSettings();
        var enabled = ReadEnabled(environment, problems);
        var minimum = ReadWhole(environment, MinimumCalls, CircuitBreakerSettings.LeastMinimumCalls, MostMinimumCalls, $"a whole number from {CircuitBreakerSettings.LeastMinimumCalls} to {MostMinimumCalls}", problems);
        var ratio = ReadRatio(environment, problems);
        var window = ReadWhole(environment, WindowSeconds, 1, MostSeconds, "a whole number of seconds from 1 to 86400", problems);
        var open = ReadWhole(environment, OpenSeconds, 1, MostSeconds, "a whole number of seconds from 1 to 86400", problems);
        return new CircuitBreakerSettings
        {
            Enabled = enabled ?? defaults.Enabled,
            MinimumCalls = minimum ?? defaults.MinimumCalls,
            FailureRatio = ratio ?? defaults.FailureRatio,
            Window = window is { } w ? TimeSpan.FromSeconds(w) : defaults.Window,
            OpenDuration = open is { } o ? TimeSpan.FromSeconds(o) : defaults.OpenDuration,
        };
    }

    private static bool? ReadEnabled(Func<string, string?> environment, ICollection<string> problems)
    {
        var text = environment(Enabled);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        problems.Add($"{Enabled} must be true or false, got '{text}'");
        return null;
    }

    private static int? ReadWhole(Func<string, string?> environment, string name, int least, int most, string range, ICollection<string> problems)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= least && value <= most)
        {
            return value;
        }

        problems.Add($"{name} must be {range}, got '{text}'");
        return null;
    }

    private static double? ReadRatio(Func<string, string?> environment, ICollection<string> problems)
    {
        var text = environment(FailureRatio);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 1)
        {
            return value;
        }

        problems.Add($"{FailureRatio} must be a number above 0 and at most 1 (0.6 is 60 %), got '{text}'");
        return null;
    }
}
