using System.Diagnostics;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// Where a takeover's time goes, measured from outside the engine: the same history calls a takeover makes for each
/// execution (the claim, then the five reads that rebuild it), one execution after another as the engine does, timed
/// call by call on the engine that has just taken them over (its own claim again: it only renews the lease). What is
/// left of the takeover is the engine's own work (rebuilding the runs, the listing, opening the history).
/// </summary>
internal static class TakeoverBreakdown
{
    public static async Task<string> MeasureAsync(PlaybookEngine engine, IReadOnlyList<string> ids, string directory)
    {
        var history = engine.History;
        var sections = new (string Name, Stopwatch Watch)[]
        {
            ("claim", new Stopwatch()), ("execution", new Stopwatch()), ("step states", new Stopwatch()),
            ("attempts", new Stopwatch()), ("approvals", new Stopwatch()), ("decisions", new Stopwatch()),
        };
        async Task Timed(int section, Func<Task> call)
        {
            sections[section].Watch.Start();
            await call();
            sections[section].Watch.Stop();
        }

        var time = TimeProvider.System;
        foreach (var id in ids)
        {
            await Timed(0, () => history.TryClaimAsync(id, engine.OwnerId, time.GetUtcNow() + engine.Options.LeaseDuration, time.GetUtcNow(), CancellationToken.None));
            await Timed(1, () => history.GetExecutionAsync(id, CancellationToken.None));
            await Timed(2, () => history.GetStepStatesAsync(id, CancellationToken.None));
            await Timed(3, () => history.GetAttemptsAsync(id, CancellationToken.None));
            await Timed(4, () => history.GetApprovalsAsync(id, CancellationToken.None));
            await Timed(5, () => history.GetDecisionsAsync(id, CancellationToken.None));
        }

        var list = Stopwatch.StartNew();
        await history.ListClaimableAsync(time.GetUtcNow(), 500, CancellationToken.None);
        list.Stop();

        var empty = Path.Combine(directory, "empty");
        var open = Stopwatch.StartNew();
        await (await ParkedExecutions.OpenAsync(empty)).DisposeAsync();
        open.Stop();

        var total = sections.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Watch.Elapsed);
        return $"{string.Join(", ", sections.Select(s => $"{s.Name} {s.Watch.Elapsed.TotalMilliseconds:F1} ms"))} (history calls: {total.TotalMilliseconds:F1} ms); "
            + $"one listing of claimable executions {list.Elapsed.TotalMilliseconds:F1} ms; opening and disposing an engine on an empty folder {open.Elapsed.TotalMilliseconds:F1} ms";
    }
}
