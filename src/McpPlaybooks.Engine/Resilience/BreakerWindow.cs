namespace McpPlaybooks.Engine.Resilience;

/// <summary>The calls to one target in the last sampling window, and how many were unhealthy failures; thread-safe.</summary>
internal sealed class BreakerWindow(TimeSpan length)
{
    /// <summary>The most calls remembered; a low-volume engine never comes near it.</summary>
    private const int MaxSamples = 1024;

    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset At, bool Failed)> _samples = new();

    public TimeSpan Length { get; } = length;

    public void Record(DateTimeOffset at, bool failed)
    {
        lock (_lock)
        {
            _samples.Enqueue((at, failed));
            Prune(at);
        }
    }

    public (int Failures, int Calls) Counts(DateTimeOffset now)
    {
        lock (_lock)
        {
            Prune(now);
            var failures = 0;
            foreach (var sample in _samples)
            {
                failures += sample.Failed ? 1 : 0;
            }

            return (failures, _samples.Count);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_samples.Count > 0 && (_samples.Count > MaxSamples || _samples.Peek().At <= now - Length))
        {
            _samples.Dequeue();
        }
    }
}
