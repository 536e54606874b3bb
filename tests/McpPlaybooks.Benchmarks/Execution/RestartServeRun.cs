using System.Diagnostics;
using Microsoft.Data.Sqlite;
using static McpPlaybooks.Benchmarks.Execution.ParkedExecutions;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// <c>restart-serve [COUNT] [SERVER_DLL]</c>: the server (<c>serve</c> over stdio) started on a data directory where a killed
/// process left COUNT executions (default 10000) parked at a gate, their 1 s leases expired. Prints the time from spawn to
/// the <c>initialize</c> answer (beside the same on an empty data directory, alternately) and to the moment all COUNT
/// are held by the server's live leases (read from the history file), against the goals (100 ms; 2 s): the median of RUNS
/// restarts (default 5), each on its own copy of the directory the killed process left, made before any server opened it.
/// First, not counted: a warm-up (this benchmark's own first process start and JIT), then the client's own part of a spawn
/// (a shell that answers at once), printed beside.
/// SERVER_DLL defaults to <see cref="BuiltServer.Path"/> (the native executable named by <c>MCPPLAYBOOKS_TEST_SERVER</c>, else the
/// server built beside this benchmark); a path ending in .dll is started with <c>dotnet</c>, anything else as it is.
/// </summary>
internal static class RestartServeRun
{
    private static readonly TimeSpan InitializeGoal = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TakeoverGoal = TimeSpan.FromSeconds(2);

    /// <summary>A shell that answers the first line at once, then waits for its input to close: the client's own part of a spawn.</summary>
    private static readonly string[] AnsweringShell = ["/bin/sh", "-c", "read -r line; echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}'; cat >/dev/null"];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Count(args, 0, 10_000);
        var server = args.Length > 1 ? Path.GetFullPath(args[1]) : BuiltServer.Path();
        var directory = Timings.TempDirectory("restart-serve");
        try
        {
            var playbooks = Directory.CreateDirectory(Path.Combine(directory, "playbooks")).FullName;
            var data = Path.Combine(directory, "data");
            var runs = int.TryParse(Environment.GetEnvironmentVariable("RUNS"), out var r) && r > 0 ? r : 5;
            Console.WriteLine($"server: {server}");
            // This benchmark's own first process start and JIT are not the server's: a warm-up of each, not counted.
            await AnswerAsync(AnsweringShell, _ => { });
            var floor = await AnswerAsync(AnsweringShell, _ => { });
            Console.WriteLine($"the client's own part: a shell that answers at once answered {Timings.Millis(floor).Trim()} after spawn");
            _ = await SpawnAsync(server, Directory.CreateDirectory(Path.Combine(directory, "warm-up")).FullName, playbooks, count: 0);

            await RestartRun.SeedAndKillAsync(data, count, gated: true, "");
            // Every restart gets the directory exactly as the killed process left it.
            var copies = Enumerable.Range(1, runs).Select(i => CopyDirectory(data, $"{data}-{i}")).ToList();
            Console.WriteLine($"child killed; {runs} copies of its data directory; waiting 1.5 s for its 1 s leases to expire");
            await Task.Delay(TimeSpan.FromSeconds(1.5));

            var bare = new List<TimeSpan>();
            var initialize = new List<TimeSpan>();
            var all = new List<TimeSpan>();
            for (var i = 0; i < runs; i++)
            {
                bare.Add((await SpawnAsync(server, Directory.CreateDirectory(Path.Combine(directory, $"empty-{i}")).FullName, playbooks, count: 0)).Initialize);
                var (answered, held) = await SpawnAsync(server, copies[i], playbooks, count);
                initialize.Add(answered);
                all.Add(held);
            }

            var (emptyMedian, initializeMedian, allMedian) = (Timings.Median(bare), Timings.Median(initialize), Timings.Median(all));
            Console.WriteLine($"empty data directory: initialize answered {Timings.Millis(emptyMedian).Trim()} after spawn (median of {runs}; {Range(bare)})");
            Console.WriteLine($"{count} parked, leases expired: initialize answered {Timings.Millis(initializeMedian).Trim()} after spawn (median of {runs}; {Range(initialize)}; {initializeMedian / emptyMedian:F2}x the empty directory's); goal ≤ {InitializeGoal.TotalMilliseconds:F0} ms: ratio {initializeMedian / InitializeGoal:F2}");
            Console.WriteLine($"{count} parked, leases expired: all held by the server {Timings.Millis(allMedian).Trim()} after spawn (median of {runs}; {Range(all)}); goal ≤ {TakeoverGoal.TotalMilliseconds:F0} ms: ratio {allMedian / TakeoverGoal:F2}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("KEEP") == "1")
            {
                Console.WriteLine($"kept (KEEP=1): {directory}");
            }
            else
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string Range(List<TimeSpan> times) => $"{times.Min().TotalMilliseconds:F1}–{times.Max().TotalMilliseconds:F1} ms";

    private static string CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }

    /// <summary>Spawns the server, times its <c>initialize</c> answer, then (COUNT &gt; 0) until COUNT executions hold a live lease; closes it.</summary>
    private static async Task<(TimeSpan Initialize, TimeSpan All)> SpawnAsync(string server, string data, string playbooks, int count)
    {
        var (file, prefix) = BuiltServer.Command(server);
        var all = TimeSpan.Zero;
        var initialize = await AnswerAsync([file, .. prefix, "serve", "--data-dir", data, "--playbooks", playbooks, "--log-level", "Warning"], watch =>
        {
            var database = Path.Combine(data, "history.db");
            while (count > 0 && Held(database) < count)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(5)); // a benchmark, not a test: polling the file is how an outsider sees it
            }

            all = watch.Elapsed;
        });
        return (initialize, all);
    }

    /// <summary>
    /// Spawns <paramref name="command"/>, sends <c>initialize</c> and returns the time to its answer; runs <paramref name="then"/>
    /// with the watch still running, then closes the process's input and waits for it to exit.
    /// </summary>
    private static async Task<TimeSpan> AnswerAsync(string[] command, Action<Stopwatch> then)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1.0"}}}""");
        await process.StandardInput.FlushAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line && !line.Contains("\"id\":1", StringComparison.Ordinal))
        {
        }

        var answered = watch.Elapsed;
        then(watch);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return answered;
    }

    /// <summary>Unfinished executions whose lease is live now (the killed process's have expired, so these are the server's).</summary>
    private static long Held(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM executions WHERE status = 'waiting_approval' AND owner_id IS NOT NULL AND lease_expires_at >= @now";
        command.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()!;
    }
}
