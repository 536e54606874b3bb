namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>
/// Runs a crash scenario for kill points N = 1, 2, ... (two at a time) until one is not killed, because N is beyond the
/// commits of the process being killed. Shared by the Server's crash tests and the <c>crash</c> benchmark.
/// </summary>
internal static class KillPointSweep
{
    /// <summary>Far more commits than either process makes: the sweep ends long before.</summary>
    public const int Max = 40;

    /// <summary>
    /// The outcomes of kill points 1 to the first one not killed (all up to <see cref="Max"/> when every one was), in order.
    /// <paramref name="scenario"/> runs kill point N and says whether its process was killed.
    /// </summary>
    public static async Task<IReadOnlyList<(int N, bool Killed, CrashOutcome Outcome)>> RunAsync(Func<int, Task<(bool Killed, CrashOutcome Outcome)>> scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<int, (bool Killed, CrashOutcome Outcome)>();
        var unkilledAt = Max + 1;
        await Parallel.ForEachAsync(Enumerable.Range(1, Max), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (n, _) =>
        {
            if (n > Volatile.Read(ref unkilledAt))
            {
                return;
            }

            var result = await scenario(n);
            outcomes[n] = result;
            if (!result.Killed)
            {
                InterlockedMin(ref unkilledAt, n);
            }
        });

        return [.. outcomes.Where(pair => pair.Key <= unkilledAt).OrderBy(pair => pair.Key).Select(pair => (pair.Key, pair.Value.Killed, pair.Value.Outcome))];
    }

    private static void InterlockedMin(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value < current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
