using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;

namespace McpPlaybooks.Benchmarks.ScaleOut;

/// <summary>
/// <c>scale [EXECUTIONS]</c>: executions completed per second with 1, 2 and 3 <c>serve --http</c> processes on one database.
/// Each round starts EXECUTIONS executions (default 300; a shell step and a <c>set</c> step each) round-robin through its
/// servers, 32 starts in flight, and times from the first start until <c>list_executions</c> finds none active. The
/// database is a fresh SQLite file per round; <c>MCPPLAYBOOKS_TEST_DATABASE</c> holding a PostgreSQL connection string
/// (Npgsql's <c>Host=...</c> form) runs each round on a fresh schema of that database instead, dropped after it, so that
/// no round reads tables an earlier one filled.
/// </summary>
internal static class ScaleOutRun
{
    private const int InFlightStarts = 32;
    private const string Line = "  {0,-8} {1,10} {2,10}";

    public static async Task<int> RunAsync(string[] args)
    {
        var executions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var server = BuiltServer.Path();
        var database = Environment.GetEnvironmentVariable("MCPPLAYBOOKS_TEST_DATABASE") is { Length: > 0 } named ? named : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: {executions} executions per round, {Environment.ProcessorCount} cores, {(database is null ? "SQLite (a fresh file per round)" : "PostgreSQL (a fresh schema per round)")}"));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Line, "servers", "seconds", "exec/s"));
        for (var servers = 1; servers <= 3; servers++)
        {
            var (seconds, perSecond) = await RoundAsync(server, servers, executions, database);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Line, servers, seconds.ToString("0.00", CultureInfo.InvariantCulture), perSecond.ToString("0.0", CultureInfo.InvariantCulture)));
        }

        return 0;
    }

    private static async Task<(double Seconds, double PerSecond)> RoundAsync(string server, int count, int executions, string? database)
    {
        var root = Directory.CreateTempSubdirectory("mcpp-scale-").FullName;
        var playbooks = Path.Combine(root, "playbooks");
        Directory.CreateDirectory(playbooks);
        await File.WriteAllTextAsync(Path.Combine(playbooks, "quick.yaml"), """
            id: quick
            name: Quick
            version: 1.0.0
            inputs:
              n:
                type: string
            steps:
              - id: run
                action: shell
                with:
                  command: [/bin/true, "{{ inputs.n }}"]
              - id: note
                needs: [run]
                action: set
                with: { n: "{{ inputs.n }}" }
            """);
        var data = Path.Combine(root, "data");
        var processes = new List<Process>();
        var clients = new List<McpClient>();
        await using var schema = database is null ? null : await FreshSchema.CreateAsync(database);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var (process, endpoint) = await StartAsync(server, data, playbooks, schema?.ConnectionString);
                processes.Add(process);
                clients.Add(await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp })));
            }

            var clock = Stopwatch.StartNew();
            using var slots = new SemaphoreSlim(InFlightStarts);
            await Task.WhenAll(Enumerable.Range(0, executions).Select(async n =>
            {
                await slots.WaitAsync();
                try
                {
                    var result = await clients[n % count].CallToolAsync("execute_playbook", new Dictionary<string, object?>
                    {
                        ["playbook_id"] = "quick",
                        ["inputs"] = new Dictionary<string, object?> { ["n"] = n.ToString(CultureInfo.InvariantCulture) },
                    });
                    if (result.IsError == true)
                    {
                        throw new InvalidOperationException(string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text)));
                    }
                }
                finally
                {
                    slots.Release();
                }
            }));
            while (await ActiveAsync(clients[0]))
            {
                await Task.Delay(20);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            return (seconds, executions / seconds);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<bool> ActiveAsync(McpClient client)
    {
        var result = await client.CallToolAsync("list_executions", new Dictionary<string, object?> { ["active_only"] = true, ["limit"] = 1 });
        var structured = (JsonElement)result.StructuredContent!;
        return structured.GetProperty("executions").GetArrayLength() > 0;
    }

    private static async Task<(Process Process, Uri Endpoint)> StartAsync(string server, string data, string playbooks, string? database)
    {
        var (file, prefix) = BuiltServer.Command(server);
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] chosen = [];
        if (!string.IsNullOrWhiteSpace(database))
        {
            // The password goes to the server in its environment, never on its command line, which any local user can read.
            var connection = new NpgsqlConnectionStringBuilder(database);
            if (connection.Password is { Length: > 0 } password)
            {
                start.Environment["PGPASSWORD"] = password;
                connection.Password = null;
            }

            chosen = ["--database", connection.ConnectionString];
        }

        foreach (var argument in prefix.Concat(["serve", "--http", "127.0.0.1:0", "--data-dir", data, "--playbooks", playbooks, .. chosen]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var found = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, line) =>
        {
            const string Listening = "listening on ";
            if (line.Data is { } text && text.IndexOf(Listening, StringComparison.Ordinal) is >= 0 and var at && text[(at + Listening.Length)..].Trim() is var url && url.EndsWith("/mcp", StringComparison.Ordinal))
            {
                found.TrySetResult(new Uri(url));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return (process, await found.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }
}
