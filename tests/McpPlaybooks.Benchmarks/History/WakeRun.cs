using System.Collections;
using System.Globalization;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History.Location;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static McpPlaybooks.Benchmarks.Execution.ParkedExecutions;

namespace McpPlaybooks.Benchmarks.History;

/// <summary>
/// <c>wake [ROUNDS]</c>: two engines on one PostgreSQL schema (<c>MCPPLAYBOOKS_TEST_DATABASE</c>), as two servers. The owner
/// parks an execution at a gate; the other approves it, which queues the decision for the owner. Measured per round: from
/// the other's call to the gated step's attempt starting on the owner (its recorded start), and the other's call until it
/// returns (it waits for the owner to apply it). Once with both woken by NOTIFY, once with their listeners stopped, so that
/// only the owner's heartbeat (every second, the default) finds the request and the caller polls for its outcome (every
/// 50 ms), as before LISTEN/NOTIFY. Each approval comes at a random moment of the owner's poll interval.
/// </summary>
internal static class WakeRun
{
    private const string Line = "  {0,-28} {1,8} {2,8} {3,8} {4,8}";

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = Count(args, 0, 30);
        if (Environment.GetEnvironmentVariable("MCPPLAYBOOKS_TEST_DATABASE") is not { Length: > 0 } server)
        {
            Console.Error.WriteLine("wake needs MCPPLAYBOOKS_TEST_DATABASE: a PostgreSQL connection string of a role that may create schemas (tests/postgres/start.sh prints one)");
            return 2;
        }

        Console.WriteLine($"wake: {rounds} approvals forwarded to the owning engine, poll interval 1 s, {Environment.ProcessorCount} cores");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Line, "ms", "p50", "p95", "max", "mean"));
        foreach (var notify in (bool[])[true, false])
        {
            var (resume, call) = await ModeAsync(server, rounds, notify);
            var mode = notify ? "notify" : "poll";
            Print($"{mode}: approve → step resumes", resume);
            Print($"{mode}: approve call returns", call);
        }

        return 0;
    }

    private static async Task<(List<double> Resume, List<double> Call)> ModeAsync(string server, int rounds, bool notify)
    {
        var schema = "wake_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        var root = Directory.CreateTempSubdirectory("mcpp-wake-").FullName;
        var location = HistoryLocation.Parse(new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString, "/unused", "/", _ => null, out var problem)
            ?? throw new InvalidOperationException(problem);
        try
        {
            await using var owner = await OpenAsync(Path.Combine(root, "owner"), location);
            await using var other = await OpenAsync(Path.Combine(root, "other"), location);
            if (!notify)
            {
                await owner.History.Notifications!.DisposeAsync();
                await other.History.Notifications!.DisposeAsync();
            }

            var resume = new List<double>();
            var call = new List<double>();
            for (var round = -1; round < rounds; round++)
            {
                var id = (await StartAsync(owner, GatedYaml, round, 1, park: true))[0];
                // At a random moment of the owner's poll interval, as a person would, not just after its last tick.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                var asked = TimeProvider.System.GetUtcNow();
                await other.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "gate", Approve = true, By = ApproverIdentity.Cli("approver", roles: ["oncall"]) }, CancellationToken.None);
                var answered = TimeProvider.System.GetUtcNow();
                var done = await owner.WaitAsync(id, Timeout.InfiniteTimeSpan, CancellationToken.None);
                if (done.Status != ExecutionStatus.Completed)
                {
                    throw new InvalidOperationException($"execution {id} did not complete once approved: {done.Status}");
                }

                var attempt = (await owner.History.GetAttemptsAsync(id, CancellationToken.None)).Single(a => a.StepId == "gate");
                if (round >= 0)
                {
                    resume.Add((attempt.StartedAt - asked).TotalMilliseconds);
                    call.Add((answered - asked).TotalMilliseconds);
                }
            }

            return (resume, call);
        }
        finally
        {
            await ExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE");
            Directory.Delete(root, recursive: true);
        }
    }

    private static Task<PlaybookEngine> OpenAsync(string directory, HistoryLocation location) =>
        PlaybookEngine.OpenAsync(
            new EngineOptions { DataDirectory = directory, Database = location },
            TimeProvider.System,
            NullLoggerFactory.Instance,
            new Hashtable(),
            CancellationToken.None);

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Print(string what, List<double> values)
    {
        values.Sort();
        string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Line, what,
            Ms(values[values.Count / 2]), Ms(values[Math.Min(values.Count - 1, (int)Math.Ceiling(values.Count * 0.95) - 1)]), Ms(values[^1]), Ms(values.Average())));
    }
}
