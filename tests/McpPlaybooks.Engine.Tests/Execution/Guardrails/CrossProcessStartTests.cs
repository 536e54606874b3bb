using System.Globalization;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution.Durability;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Guardrails;

/// <summary>
/// Two engines on one history (as two <c>serve</c> processes on one data directory or one database) get the same start at
/// once, many rounds over: an idempotency key is one execution, identical requests are one, and <c>max_concurrent</c> and
/// <c>max_executions_per_hour</c> hold across them. Each round starts the two on pool threads together, so their checks and
/// their inserts interleave.
/// </summary>
public sealed class CrossProcessStartTests
{
    private const int Rounds = 100;

    private const string Gated = """
        id: race
        name: Race
        version: 1.0.0
        inputs:
          service: { type: string }
        steps:
          - id: risky
            approval: { message: "Restart {{ inputs.service }}?" }
            action: set
            with: { done: true }
        """;

    [Fact]
    public async Task StartAsync_SameKeyOnTwoEnginesAtOnce_OneExecutionPerKey()
    {
        await using var shared = new SharedDataDirectory();
        var engines = new[] { await shared.OpenAsync(), await shared.OpenAsync() };
        var api = Inputs(("service", Value.From("api")));
        var doubled = new List<int>();

        for (var round = 0; round < Rounds; round++)
        {
            var key = Key(round);
            var starts = await BothAsync(engines, _ => Flow.Request(Gated, api, idempotencyKey: key));

            Assert.All(starts, start => Assert.NotNull(start.Started));
            if (starts.Select(start => start.Started!.ExecutionId).Distinct().Count() > 1)
            {
                doubled.Add(round);
                continue;
            }

            var again = Assert.Single(starts, start => start.Started!.Existing).Started!;
            Assert.Contains($"the idempotency key '{key}' already started execution {again.ExecutionId}", again.Note, StringComparison.Ordinal);
        }

        Assert.True(doubled.Count == 0, $"{doubled.Count} of {Rounds} keys started two executions (rounds {string.Join(", ", doubled)})");
        Assert.Equal(Rounds, await CountAsync(engines[0], "race"));
    }

    [Fact]
    public async Task StartAsync_SameKeyOtherInputsOnTwoEnginesAtOnce_OneStartsTheOtherIsRefusedAsAConflict()
    {
        await using var shared = new SharedDataDirectory();
        var engines = new[] { await shared.OpenAsync(), await shared.OpenAsync() };
        var doubled = new List<int>();

        for (var round = 0; round < Rounds; round++)
        {
            var key = Key(round);
            var starts = await BothAsync(engines, i => Flow.Request(Gated, Inputs(("service", Value.From(i == 0 ? "api" : "web"))), idempotencyKey: key));

            if (starts.All(start => start.Started is not null))
            {
                doubled.Add(round);
                continue;
            }

            Assert.Single(starts, start => start.Started is { Existing: false });
            var refused = Assert.Single(starts, start => start.Refused is not null).Refused!;
            Assert.Equal(RefusalKind.IdempotencyConflict, refused.Kind);
            Assert.Contains($"the idempotency key '{key}' already started execution", refused.Message, StringComparison.Ordinal);
        }

        Assert.True(doubled.Count == 0, $"{doubled.Count} of {Rounds} keys started two executions (rounds {string.Join(", ", doubled)})");
        Assert.Equal(Rounds, await CountAsync(engines[0], "race"));
    }

    [Fact]
    public async Task StartAsync_IdenticalRequestsOnTwoEnginesAtOnce_OneExecution()
    {
        await using var shared = new SharedDataDirectory();
        var engines = new[] { await shared.OpenAsync(), await shared.OpenAsync() };
        var doubled = new List<int>();

        for (var round = 0; round < Rounds; round++)
        {
            var inputs = Inputs(("service", Value.From("svc-" + round.ToString(CultureInfo.InvariantCulture))));
            var starts = await BothAsync(engines, _ => Flow.Request(Gated, inputs));

            Assert.All(starts, start => Assert.NotNull(start.Started));
            if (starts.Select(start => start.Started!.ExecutionId).Distinct().Count() > 1)
            {
                doubled.Add(round);
                continue;
            }

            Assert.Single(starts, start => start.Started!.Duplicate);
        }

        Assert.True(doubled.Count == 0, $"{doubled.Count} of {Rounds} identical pairs started two executions (rounds {string.Join(", ", doubled)})");
        Assert.Equal(Rounds, await CountAsync(engines[0], "race"));
    }

    [Theory]
    [InlineData("max_concurrent")]
    [InlineData("max_executions_per_hour")]
    public async Task StartAsync_LimitOfOneOnTwoEnginesAtOnce_OneStartsTheOtherIsRefused(string rule)
    {
        await using var shared = new SharedDataDirectory();
        var engines = new[] { await shared.OpenAsync(), await shared.OpenAsync() };
        var doubled = new List<int>();

        for (var round = 0; round < Rounds; round++)
        {
            // A playbook of its own each round: the execution the round before started stays active (at its gate).
            var id = "capped-" + round.ToString(CultureInfo.InvariantCulture);
            var yaml = Gated.Replace("id: race", "id: " + id, StringComparison.Ordinal) + $"\nsafety: {{ {rule}: 1 }}\n";
            var starts = await BothAsync(engines, i => Flow.Request(yaml, Inputs(("service", Value.From(i == 0 ? "api" : "web")))));

            if (starts.All(start => start.Started is not null))
            {
                doubled.Add(round);
                continue;
            }

            Assert.Single(starts, start => start.Started is { Existing: false });
            var refused = Assert.Single(starts, start => start.Refused is not null).Refused!;
            Assert.Equal((RefusalKind.Guardrail, rule), (refused.Kind, refused.Rule));
            Assert.Equal(1, await CountAsync(engines[0], id));
        }

        Assert.True(doubled.Count == 0, $"{rule} 1 let {doubled.Count} of {Rounds} pairs both start (rounds {string.Join(", ", doubled)})");
    }

    /// <summary>
    /// The start each engine makes of <paramref name="request"/> (given the engine's index), each on a thread of its own, both
    /// released by one barrier: neither may finish its start before the other has begun.
    /// </summary>
    internal static async Task<Outcome[]> BothAsync(PlaybookEngine[] engines, Func<int, ExecutionRequest> request)
    {
        using var barrier = new Barrier(engines.Length);
        var starts = engines.Select((engine, i) => Task.Factory.StartNew(
            async () =>
            {
                var made = request(i);
                barrier.SignalAndWait();
                try
                {
                    return new Outcome(await engine.StartAsync(made, null, default), null);
                }
                catch (ExecutionRefusedException refusal)
                {
                    return new Outcome(null, refusal);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        return await Task.WhenAll(starts);
    }

    private static string Key(int round) => "ticket-" + round.ToString(CultureInfo.InvariantCulture);

    private static async Task<int> CountAsync(PlaybookEngine engine, string playbookId) =>
        (await engine.History.ListExecutionsAsync(new ExecutionQuery { PlaybookId = playbookId, Limit = 500 }, default)).Executions.Count;

    internal sealed record Outcome(ExecutionStart? Started, ExecutionRefusedException? Refused);
}
