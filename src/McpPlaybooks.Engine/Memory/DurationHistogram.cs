namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// Log-scaled duration buckets: bucket <c>b</c> holds durations in [1.15^(b-1), 1.15^b) milliseconds (bucket 0: under
/// 1 ms), and stands for the geometric middle of that range, so a percentile read from the buckets is within about 7%
/// of the true one. Buckets add up across days and playbooks without losing anything more.
/// </summary>
internal static class DurationHistogram
{
    private const double Ratio = 1.15;
    private static readonly double LogRatio = Math.Log(Ratio);

    /// <summary>The bucket of a duration in milliseconds.</summary>
    public static int Bucket(double milliseconds) =>
        milliseconds < 1 || double.IsNaN(milliseconds) ? 0 : (int)Math.Floor(Math.Log(milliseconds) / LogRatio) + 1;

    /// <summary>The duration a bucket stands for (0 for bucket 0).</summary>
    public static TimeSpan Value(int bucket) =>
        bucket <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Pow(Ratio, bucket - 0.5));

    /// <summary>The nearest-rank percentile (<paramref name="fraction"/> in (0, 1]) of buckets given with their counts; null when empty.</summary>
    public static TimeSpan? Percentile(IEnumerable<(int Bucket, long Count)> buckets, double fraction)
    {
        var sorted = buckets.Where(b => b.Count > 0).OrderBy(b => b.Bucket).ToList();
        var total = sorted.Sum(b => b.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        foreach (var (bucket, count) in sorted)
        {
            seen += count;
            if (seen >= rank)
            {
                return Value(bucket);
            }
        }

        return Value(sorted[^1].Bucket);
    }
}
