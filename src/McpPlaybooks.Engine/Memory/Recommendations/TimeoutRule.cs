using System.Globalization;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>A step whose timeout is under what it needs (see <see cref="RecommendationThresholds"/>); needs the definition.</summary>
internal static class TimeoutRule
{
    private static readonly int[] RoundSeconds = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600];

    public static IEnumerable<Recommendation> Apply(PlaybookMetrics playbook, PlaybookDefinition definition)
    {
        foreach (var step in playbook.Steps)
        {
            var timeout = definition.Steps.FirstOrDefault(s => s.Id == step.StepId) is { } d ? d.Timeout ?? definition.Defaults.Timeout : null;
            if (timeout is not { } limit || limit <= TimeSpan.Zero || step.Attempts < RecommendationThresholds.TimeoutMinAttempts)
            {
                continue;
            }

            var p95 = step.DurationP95 ?? TimeSpan.Zero;
            var manyTimeouts = step.Timeouts >= RecommendationThresholds.TimeoutMinTimeouts
                && step.Timeouts >= RecommendationThresholds.TimeoutMinShare * step.Attempts;
            if (!manyTimeouts && p95 < limit)
            {
                continue;
            }

            var suggested = RoundUp(TimeSpan.FromTicks(Math.Max(limit.Ticks * 2, (long)(p95.Ticks * 1.5))));
            var text = string.Create(
                CultureInfo.InvariantCulture,
                $"`{step.StepId}` timed out in {step.Timeouts} of {step.Attempts} attempts at {Durations.Format(limit)}; its p95 is {MemoryText.Duration(p95)}: raise its timeout to {Durations.Format(suggested)}");
            yield return new Recommendation(
                RecommendationKind.RaiseTimeout,
                playbook.PlaybookId,
                step.StepId,
                text,
                new Dictionary<string, double>
                {
                    ["timeouts"] = step.Timeouts,
                    ["attempts"] = step.Attempts,
                    ["timeout_ms"] = limit.TotalMilliseconds,
                    ["p95_ms"] = Math.Round(p95.TotalMilliseconds),
                    ["suggested_ms"] = suggested.TotalMilliseconds,
                });
        }
    }

    /// <summary>The next round duration at or over <paramref name="duration"/>: 1s, 2s, 5s ... 1h, then whole hours.</summary>
    internal static TimeSpan RoundUp(TimeSpan duration)
    {
        foreach (var seconds in RoundSeconds)
        {
            if (TimeSpan.FromSeconds(seconds) >= duration)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return TimeSpan.FromHours(Math.Ceiling(duration.TotalHours));
    }
}
