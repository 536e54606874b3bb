namespace McpPlaybooks.Engine.History;

/// <summary>The wait between the writer's attempts to reconnect: 100 ms doubling up to 5 s, each drawn between half and all of it.</summary>
internal static class WriterBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    /// <summary>The wait after the <paramref name="failures"/>th failed attempt (from 1).</summary>
    public static TimeSpan After(int failures, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var doublings = Math.Clamp(failures - 1, 0, 16);
        var full = TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << doublings));
        return full / 2 + TimeSpan.FromTicks((long)(random.NextDouble() * (full.Ticks / 2)));
    }
}
