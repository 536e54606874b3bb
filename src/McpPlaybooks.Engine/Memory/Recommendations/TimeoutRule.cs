using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>
/// A step whose timeout is under what it needs (see <see cref="RecommendationThresholds"/>); needs the definition. It counts
/// only the attempts the step's own timeout stopped at a limit at or over the current one (not a process that printed
/// "timed out", not attempts stopped by a smaller limit of an earlier version), so a definition whose timeout is already
/// over every limit that fired hears nothing of those timeouts, only of a p95 at or over its timeout. The timeout is the one
/// that applies to the step's attempts (<see cref="AttemptLimits"/>): a <c>wait</c>, <c>wait_for</c>, <c>event</c> or
/// <c>playbook</c> step without one of its own has none, whatever <c>defaults.timeout</c> says; a step of another action
/// without one has the engine's when the playbook sets no default. A <c>step_timeout</c> under that timeout (or without
/// one) is what cuts the step's attempts: the rule compares with it then, and the advice names it. The limits that fired
/// are those the engine recorded with the attempts it stopped, the step's timeout or its step_timeout.
/// </summary>
internal static class TimeoutRule
{
    private static readonly int[] RoundSeconds = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600];

    /// <param name="engineDefault">The engine's attempt timeout (<c>EngineOptions.DefaultAttemptTimeout</c>).</param>
    public static IEnumerable<Recommendation> Apply(PlaybookMetrics playbook, PlaybookDefinition definition, TimeSpan engineDefault)
    {
        foreach (var step in playbook.Steps)
        {
            if (definition.Steps.FirstOrDefault(s => s.Id == step.StepId) is not { } d || step.Attempts < RecommendationThresholds.TimeoutMinAttempts)
            {
                continue;
            }

            // The step's step_timeout cuts its attempts too, where it is the shorter limit (or the only one).
            var timeout = AttemptLimits.Of(d.Timeout, d.Action, definition.Defaults.Timeout, engineDefault);
            var (limit, name) = d.StepTimeout is { } whole && (timeout <= TimeSpan.Zero || whole < timeout) ? (whole, "step_timeout") : (timeout, "timeout");
            if (limit <= TimeSpan.Zero)
            {
                continue;
            }

            // Attempts stopped at a limit under the current one say nothing about it.
            var stopped = step.StoppedByTimeout.Where(t => t.Limit >= limit).ToList();
            var timeouts = stopped.Sum(t => t.Count);
            var p95 = step.DurationP95 ?? TimeSpan.Zero;
            var manyTimeouts = timeouts >= RecommendationThresholds.TimeoutMinTimeouts
                && timeouts >= RecommendationThresholds.TimeoutMinShare * step.Attempts;
            if (!manyTimeouts && p95 < limit)
            {
                continue;
            }

            var highest = stopped.Count == 0 ? limit : stopped[^1].Limit;
            var suggested = RoundUp(TimeSpan.FromTicks(Math.Max(highest.Ticks * 2, (long)(p95.Ticks * 1.5))));

            // A timeout raised over the step_timeout needs the step_timeout raised too (validation refuses the step otherwise).
            var raise = $"raise its {name} to {Durations.Format(suggested)}"
                + (name == "timeout" && d.StepTimeout is { } covering && covering < suggested ? " and its step_timeout to at least that" : "");
            var text = timeouts > 0
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"`{step.StepId}` timed out in {timeouts} of {step.Attempts} attempts at {Limits(stopped)}; its p95 is {MemoryText.Duration(p95)}: {raise}")
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"`{step.StepId}` has a p95 of {MemoryText.Duration(p95)} over {step.Attempts} attempts, at or over its {name} of {Durations.Format(limit)}: {raise}");
            var evidence = new Dictionary<string, double>
            {
                ["timeouts"] = timeouts,
                ["attempts"] = step.Attempts,
                ["timeout_ms"] = limit.TotalMilliseconds,
                ["p95_ms"] = Math.Round(p95.TotalMilliseconds),
                ["suggested_ms"] = suggested.TotalMilliseconds,
            };
            if (timeouts > 0)
            {
                evidence["timed_out_at_ms"] = highest.TotalMilliseconds;
            }

            if (d.StepTimeout is { } stepTimeout)
            {
                evidence["step_timeout_ms"] = stepTimeout.TotalMilliseconds;
            }

            yield return new Recommendation(RecommendationKind.RaiseTimeout, playbook.PlaybookId, step.StepId, text, evidence);
        }
    }

    /// <summary>The limits the counted attempts timed out at: <c>30s</c>, or <c>30s to 1m</c>.</summary>
    private static string Limits(List<TimeoutCount> stopped) =>
        stopped.Count == 1 ? Durations.Format(stopped[0].Limit) : $"{Durations.Format(stopped[0].Limit)} to {Durations.Format(stopped[^1].Limit)}";

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
