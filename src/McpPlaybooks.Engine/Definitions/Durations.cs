using System.Globalization;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>Durations as playbooks write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>.</summary>
public static class Durations
{
    /// <summary>The longest duration accepted anywhere: a year.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    public const string Examples = "500ms, 30s, 5m, 1h or 2d";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits > 12 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        double? milliseconds = text[digits..] switch
        {
            "ms" => amount,
            "s" => amount * 1_000d,
            "m" => amount * 60_000d,
            "h" => amount * 3_600_000d,
            "d" => amount * 86_400_000d,
            _ => null,
        };
        if (milliseconds is not { } ms || ms > Max.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Formats a duration in the largest unit that keeps it whole: 90s stays 90s, 120s becomes 2m.</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        return ms switch
        {
            0 => "0s",
            _ when ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
            _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
            _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
            _ when ms % 1_000 == 0 => $"{ms / 1_000}s",
            _ => $"{ms}ms",
        };
    }
}
