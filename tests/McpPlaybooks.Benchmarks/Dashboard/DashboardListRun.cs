using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using McpPlaybooks.Benchmarks.Execution;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.History;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Benchmarks.Dashboard;

/// <summary>
/// <c>dashboard [COUNT] [REQUESTS]</c>: fills a history with COUNT executions (default 100,000; <see cref="ExecutionListSeed"/>),
/// starts the real server (<c>serve --http 127.0.0.1:0</c>, the build beside this benchmark or <c>MCPPLAYBOOKS_TEST_SERVER</c>)
/// on it, opens the dashboard through its start-up link, then times REQUESTS sequential requests (default 200, after 20 not
/// counted) of the executions page's HTML and of <c>/ui/api/executions</c>: the first page, each filter, text that matches
/// many, few and nothing, and a cursor half way down. Prints p50 and p95 of each (measured by the client over loopback
/// with keep-alive, so an upper bound of the server's time) and p95's ratio to the 50 ms goal.
/// </summary>
internal static partial class DashboardListRun
{
    private const double GoalMs = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var directory = Timings.TempDirectory("dashboard");
        try
        {
            var data = Path.Combine(directory, "data");
            var playbooks = Directory.CreateDirectory(Path.Combine(directory, "playbooks")).FullName;
            var watch = Stopwatch.StartNew();
            SeedCounts counts;
            await using (var store = await HistoryStore.OpenAsync(new EngineOptions { DataDirectory = data }.DatabasePath, TimeProvider.System, null, CancellationToken.None))
            {
                counts = await ExecutionListSeed.WriteAsync(store, count, DateTimeOffset.UtcNow);
            }

            Console.WriteLine($"seeded {count} executions in one transaction in {watch.Elapsed.TotalSeconds:F1} s: {counts}");
            var deepCursor = CursorAt(Path.Combine(data, "history.db"), count / 2);
            var server = BuiltServer.Path();
            Console.WriteLine($"server: {server}");
            using var process = Start(server, data, playbooks, out var startUrl);
            try
            {
                using var http = await SignInAsync(await startUrl);
                Console.WriteLine($"{"request",-44} {"p50",9} {"p95",9}  p95/goal ({GoalMs:F0} ms)");
                foreach (var (name, path) in Requests(deepCursor))
                {
                    var (p50, p95, bytes) = await TimeAsync(http, path, requests);
                    Console.WriteLine($"{name,-44} {p50,6:F2} ms {p95,6:F2} ms  {p95 / GoalMs,5:F2}   ({bytes / 1024.0:F1} KB)");
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<(string Name, string Path)> Requests(string deepCursor)
    {
        const string Api = "/ui/api/executions";
        yield return ("page HTML GET /ui/", "/ui/");
        yield return ("first page", Api);
        yield return ("status=completed", Api + "?status=completed");
        yield return ("status=failed", Api + "?status=failed");
        yield return ("status=waiting_approval", Api + "?status=waiting_approval");
        yield return ("status=running", Api + "?status=running");
        yield return ("playbook=" + ExecutionListSeed.PlaybookId(1), Api + "?playbook=" + ExecutionListSeed.PlaybookId(1));
        yield return ("started_by=" + ExecutionListSeed.Starter(3), Api + "?started_by=" + Uri.EscapeDataString(ExecutionListSeed.Starter(3)));
        yield return ("status=failed&playbook&started_by", Api + "?status=failed&playbook=" + ExecutionListSeed.PlaybookId(2) + "&started_by=" + Uri.EscapeDataString(ExecutionListSeed.Starter(7)));
        yield return ("q=oncall (many match)", Api + "?q=oncall");
        yield return ("q=ex-00421 (ten match)", Api + "?q=ex-00421");
        yield return ("q=no-such-text (none match)", Api + "?q=no-such-text");
        yield return ("cursor half way down", Api + "?cursor=" + deepCursor);
        yield return ("cursor half way, status=failed", Api + "?status=failed&cursor=" + deepCursor);
    }

    private static async Task<(double P50, double P95, long Bytes)> TimeAsync(HttpClient http, string path, int requests)
    {
        var times = new List<double>(requests);
        long bytes = 0;
        for (var i = -20; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
            }

            bytes = body.Length;
            if (i >= 0)
            {
                times.Add(elapsed);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], bytes);
    }

    /// <summary>The cursor a client would hold after paging to the execution at <paramref name="offset"/>, newest first (the list's own encoding).</summary>
    private static string CursorAt(string database, int offset)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at, id FROM executions ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET @offset";
        command.Parameters.AddWithValue("@offset", offset);
        using var reader = command.ExecuteReader();
        reader.Read();
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(0)}:{reader.GetString(1)}")));
    }

    private static Process Start(string server, string data, string playbooks, out Task<Uri> startUrl)
    {
        var (file, prefix) = BuiltServer.Command(server);
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefix.Concat(["serve", "--http", "127.0.0.1:0", "--data-dir", data, "--playbooks", playbooks, "--log-level", "Information"]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var found = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text && StartUrl().Match(text) is { Success: true } match)
            {
                found.TrySetResult(new Uri(match.Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        startUrl = found.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>A client that opened the start-up link once, as a browser does: the access token is now its cookie.</summary>
    private static async Task<HttpClient> SignInAsync(Uri startUrl)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(startUrl.GetLeftPart(UriPartial.Authority)),
        };
        using var admitted = await http.GetAsync(startUrl);
        if (admitted.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"the start-up link answered {(int)admitted.StatusCode}");
        }

        return http;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/ui/\?access=[A-Za-z0-9_-]+")]
    private static partial Regex StartUrl();
}
