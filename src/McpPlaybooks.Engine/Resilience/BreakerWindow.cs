namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// The calls to one target in the last sampling window, and how many were unhealthy failures. Each call is kept with
/// the attempts it belongs to (a step's retries), so that a success can forgive the failures before it. Not
/// thread-safe: its breaker holds the lock.
/// </summary>
internal sealed class BreakerWindow(TimeSpan length)
{
    /// <summary>The most calls remembered; a low-volume engine never comes near it.</summary>
    private const int MaxSamples = 1024;

    private readonly LinkedList<(DateTimeOffset At, bool Failed, string? Sequence)> _samples = new();

    public TimeSpan Length { get; } = length;

    public void Record(DateTimeOffset at, bool failed, string? sequence)
    {
        _samples.AddLast((at, failed, sequence));
        Prune(at);
    }

    /// <summary>Forgets the failures of <paramref name="sequence"/>: its retry has just succeeded.</summary>
    public void Forgive(string? sequence)
    {
        if (sequence is null)
        {
            return;
        }

        for (var node = _samples.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Failed && string.Equals(node.Value.Sequence, sequence, StringComparison.Ordinal))
            {
                _samples.Remove(node);
            }

            node = next;
        }
    }

    public void Clear() => _samples.Clear();

    public (int Failures, int Calls) Counts(DateTimeOffset now)
    {
        Prune(now);
        var failures = 0;
        foreach (var sample in _samples)
        {
            failures += sample.Failed ? 1 : 0;
        }

        return (failures, _samples.Count);
    }

    private void Prune(DateTimeOffset now)
    {
        while (_samples.First is { } first && (_samples.Count > MaxSamples || first.Value.At <= now - Length))
        {
            _samples.RemoveFirst();
        }
    }
}
