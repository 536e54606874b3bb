using System.Diagnostics;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>Runs a measurement several times and keeps the median: the machine is shared and noisy.</summary>
internal static class Timings
{
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task> run)
    {
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed);
        }

        return Median(times);
    }

    /// <summary>The middle of <paramref name="times"/> once sorted (the upper one of an even count); the list is left as it is.</summary>
    public static TimeSpan Median(IReadOnlyCollection<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    public static string Micros(TimeSpan time, int count) => $"{time.TotalMicroseconds / count,8:F1} µs";

    public static string Millis(TimeSpan time) => $"{time.TotalMilliseconds,8:F1} ms";

    public static string TempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mcpp-bench-{name}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a folder of <see cref="TempDirectory"/>, once SQLite's pooled connections no longer hold its files.</summary>
    public static void DeleteTempDirectory(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
