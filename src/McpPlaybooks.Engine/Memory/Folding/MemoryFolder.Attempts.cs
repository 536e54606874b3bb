namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>The attempt-level part of a fold: counts added once per attempt, for attempts past the watermark.</summary>
internal sealed partial class MemoryFolder
{
    private const string Unknown = "unknown";

    private void FoldAttempts(string playbookId, long day, List<FoldedAttempt> attempts, long watermark)
    {
        var byKey = attempts.ToDictionary(a => (a.StepId, a.Iteration, a.Attempt));
        var steps = new Dictionary<string, (int Attempts, int Timeouts)>(StringComparer.Ordinal);
        var durations = new Dictionary<(string Step, int Bucket), int>();
        var stopped = new Dictionary<(string Step, long LimitMs), int>();
        var stepCategories = new Dictionary<(string Step, string Category), int>();
        var targets = new Dictionary<string, (int Attempts, int Failures, int Refusals, long? LastRefused)>(StringComparer.Ordinal);
        var targetCategories = new Dictionary<(string Target, string Category), int>();
        var retries = new Dictionary<(string Step, string Target, string Category, int Attempt), (int Trials, int Successes)>();
        var patterns = new Dictionary<(string Fingerprint, string Step, string Category), PatternTally>();

        foreach (var a in attempts.Where(a => a.Id > watermark && a.Ended).OrderBy(a => a.Id))
        {
            var category = a.Category ?? Unknown;
            var refused = a.Refused;
            var step = steps.GetValueOrDefault(a.StepId);
            steps[a.StepId] = (step.Attempts + 1, step.Timeouts + (a.Failed && category == "timeout" ? 1 : 0));
            if (a.StoppedByTimeout is { } limit)
            {
                Increment(stopped, (a.StepId, (long)limit.TotalMilliseconds));
            }

            if (a.DurationMs is { } ms && !refused)
            {
                Increment(durations, (a.StepId, DurationHistogram.Bucket(ms)));
            }

            if (a.Failed)
            {
                Increment(stepCategories, (a.StepId, category));
            }

            if (a.Target is { } target)
            {
                var t = targets.GetValueOrDefault(target);
                targets[target] = (t.Attempts + 1, t.Failures + (a.Failed ? 1 : 0), t.Refusals + (refused ? 1 : 0), refused ? Math.Max(t.LastRefused ?? 0, a.StartedAt) : t.LastRefused);
                if (a.Failed)
                {
                    Increment(targetCategories, (target, category));
                }
            }

            if (!refused && RetriedAfter(byKey, a) is { } before)
            {
                var key = (a.StepId, a.Target ?? "", before.Category ?? Unknown, a.Attempt);
                var r = retries.GetValueOrDefault(key);
                retries[key] = (r.Trials + 1, r.Successes + (a.Completed ? 1 : 0));
            }

            if (a.Failed && !string.IsNullOrWhiteSpace(a.Message))
            {
                var pattern = ErrorFingerprint.Normalize(a.Message);
                var key = (ErrorFingerprint.OfPattern(pattern), a.StepId, a.Category ?? "");
                patterns[key] = patterns.TryGetValue(key, out var tally) ? tally.Add(a) : new PatternTally(pattern, a);
            }
        }

        foreach (var (stepId, (count, timeouts)) in steps)
        {
            _stepDay.Execute(playbookId, stepId, day, count, timeouts);
        }

        foreach (var ((stepId, limitMs), count) in stopped)
        {
            _stepTimeout.Execute(playbookId, stepId, day, limitMs, count);
        }

        foreach (var ((stepId, bucket), count) in durations)
        {
            AddDuration(playbookId, stepId, day, bucket, count);
        }

        foreach (var ((stepId, category), count) in stepCategories)
        {
            _stepCategory.Execute(playbookId, stepId, day, category, count);
        }

        foreach (var (target, t) in targets)
        {
            _targetDay.Execute(playbookId, target, day, t.Attempts, t.Failures, t.Refusals, t.LastRefused);
        }

        foreach (var ((target, category), count) in targetCategories)
        {
            _targetCategory.Execute(playbookId, target, day, category, count);
        }

        foreach (var ((stepId, target, category, attempt), r) in retries)
        {
            _retry.Execute(playbookId, stepId, target, category, attempt, r.Trials, r.Successes);
        }

        foreach (var ((fingerprint, stepId, patternCategory), p) in patterns)
        {
            var last = p.Last;
            if (_insertPattern.Execute(fingerprint, playbookId, stepId, last.Target, patternCategory, p.Pattern, last.Message, p.Count, p.FirstSeen, last.StartedAt) == 1)
            {
                _indexPattern.Execute(p.Pattern + "\n" + last.Message);
            }
            else
            {
                _updatePattern.Execute(fingerprint, playbookId, stepId, last.Target, patternCategory, last.Message, p.Count, p.FirstSeen, last.StartedAt);
            }
        }
    }

    /// <summary>
    /// The failed attempt that <paramref name="attempt"/> retried: the latest earlier attempt of its iteration that the
    /// breaker did not refuse, when it failed; null for a first attempt or one after a success.
    /// </summary>
    private static FoldedAttempt? RetriedAfter(Dictionary<(string, long, int), FoldedAttempt> byKey, FoldedAttempt attempt)
    {
        for (var k = attempt.Attempt - 1; k >= 1; k--)
        {
            if (byKey.TryGetValue((attempt.StepId, attempt.Iteration, k), out var before) && !before.Refused)
            {
                return before.Failed ? before : null;
            }
        }

        return null;
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>The failed attempts of one fold that share a fingerprint and a step.</summary>
    private sealed record PatternTally(string Pattern, FoldedAttempt Last, int Count, long FirstSeen)
    {
        public PatternTally(string pattern, FoldedAttempt first)
            : this(pattern, first, 1, first.StartedAt)
        {
        }

        public PatternTally Add(FoldedAttempt attempt) => this with { Last = attempt, Count = Count + 1, FirstSeen = Math.Min(FirstSeen, attempt.StartedAt) };
    }
}
