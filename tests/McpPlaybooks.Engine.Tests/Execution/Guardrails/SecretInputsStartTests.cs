using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Guardrails;

/// <summary>
/// Secret inputs are stored as <c>***</c>: the identical-run check and an idempotency key tell two starts with different
/// secret values apart by the keyed digest each execution keeps, and an execution recorded without one (before the
/// digests) never matches a start that gives secrets.
/// </summary>
public sealed class SecretInputsStartTests
{
    private const string Gated = """
        id: sec-idem
        name: Secret idem
        version: 1.0.0
        inputs:
          token: { type: string, secret: true }
          service: { type: string }
        steps:
          - id: risky
            approval: { message: "Restart {{ inputs.service }}?" }
            action: set
            with: { done: true }
        """;

    [Fact]
    public async Task StartAsync_IdenticalStartWithAnotherSecretValue_StartsANewExecution()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(Gated, With("old-token-value"));
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);

        var other = await harness.Engine.StartAsync(Flow.Request(Gated, With("new-token-value")), null, default);
        var same = await harness.Engine.StartAsync(Flow.Request(Gated, With("old-token-value")), null, default);

        Assert.Equal((false, false), (other.Existing, other.Duplicate));
        Assert.NotEqual(parked.ExecutionId, other.ExecutionId);
        Assert.Equal((true, true, parked.ExecutionId), (same.Existing, same.Duplicate, same.ExecutionId));
    }

    [Fact]
    public async Task StartAsync_SameKeyAnotherSecretValue_IsRefusedSayingTheSecretValuesDiffer()
    {
        await using var harness = await StartAsync();
        var first = await harness.Engine.StartAsync(Flow.Request(Gated, With("old-token-value"), idempotencyKey: "ticket-s1"), null, default);

        var error = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.StartAsync(Flow.Request(Gated, With("new-token-value"), idempotencyKey: "ticket-s1"), null, default));
        var again = await harness.Engine.StartAsync(Flow.Request(Gated, With("old-token-value"), idempotencyKey: "ticket-s1"), null, default);

        Assert.Equal(RefusalKind.IdempotencyConflict, error.Kind);
        Assert.Contains("it differs in the values of secret inputs.", error.Message, StringComparison.Ordinal);
        Assert.Equal((true, first.ExecutionId), (again.Existing, again.ExecutionId));
    }

    [Fact]
    public async Task StartAsync_ExecutionRecordedWithoutADigest_NeverMatchesAStartWithSecrets()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(Gated, With("old-token-value"));
        var keyed = await harness.Engine.StartAsync(Flow.Request(Gated, With("old-token-value"), idempotencyKey: "ticket-s2"), null, default);
        // As a row written before the migration that added the column reads.
        await RunSqlAsync(harness.Location, "UPDATE executions SET secret_inputs_hmac = NULL");

        var again = await harness.Engine.StartAsync(Flow.Request(Gated, With("old-token-value")), null, default);
        var error = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.StartAsync(Flow.Request(Gated, With("old-token-value"), idempotencyKey: "ticket-s2"), null, default));

        Assert.False(again.Existing);
        Assert.NotEqual(parked.ExecutionId, again.ExecutionId);
        Assert.Contains($"already started execution {keyed.ExecutionId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("that execution was recorded before secret values were compared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SecretInputs_StoreAKeyedDigestNeverTheValueNorItsPlainHash()
    {
        await using var harness = await StartAsync();
        const string Secret = "tok-Secret-Value-93";
        var parked = await harness.RunAsync(Gated, With(Secret));
        var plain = await harness.RunAsync(Gated.Replace("secret: true", "secret: false", StringComparison.Ordinal), With("not a secret"));

        var stored = (await harness.Engine.History.GetExecutionAsync(parked.ExecutionId, default))!;
        Assert.Matches("^[0-9a-f]{64}$", stored.SecretInputsHmac);
        Assert.Equal("{\"token\":\"***\",\"service\":\"api\"}", stored.InputsJson);
        Assert.Null((await harness.Engine.History.GetExecutionAsync(plain.ExecutionId, default))!.SecretInputsHmac);
        var unkeyed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{\"token\":\"tok-Secret-Value-93\"}"u8));
        Assert.NotEqual(unkeyed, stored.SecretInputsHmac);
        await StoredContent.AssertNoneOfAsync(harness.Directory, harness.Location, [Secret, unkeyed]);
    }

    [Fact]
    public async Task OpenAsync_TwoStoresOnOneHistoryAtOnce_ShareOneKey()
    {
        await using var shared = new Durability.SharedDataDirectory();
        var engines = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => shared.OpenAsync())));

        var keys = engines.Select(engine => Convert.ToHexString(engine.History.SecretInputsKey)).Distinct().ToList();

        Assert.Equal(SecretInputsKey.Length * 2, Assert.Single(keys).Length);
        var parked = await engines[0].RunAsync(Flow.Request(Gated, With("old-token-value")), null, default);
        var same = await engines[1].StartAsync(Flow.Request(Gated, With("old-token-value")), null, default);
        var other = await engines[2].StartAsync(Flow.Request(Gated, With("new-token-value")), null, default);
        Assert.Equal((true, parked.ExecutionId), (same.Existing, same.ExecutionId));
        Assert.False(other.Existing);
    }

    [Fact]
    public async Task StartAsync_IdenticalRequestsButTheSecretOnTwoEnginesAtOnce_TwoExecutions()
    {
        // The check in the transaction that records a start (the claim), not only the host's read before it.
        await using var shared = new Durability.SharedDataDirectory();
        var engines = new[] { await shared.OpenAsync(), await shared.OpenAsync() };
        var merged = new List<int>();

        for (var round = 0; round < 30; round++)
        {
            var service = "svc-" + round.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var starts = await CrossProcessStartTests.BothAsync(engines, i => Flow.Request(Gated, Inputs(("token", Value.From("token-" + i)), ("service", Value.From(service)))));

            if (starts.Any(start => start.Started is not { Existing: false }))
            {
                merged.Add(round);
            }
        }

        Assert.True(merged.Count == 0, $"{merged.Count} of 30 pairs with different secrets were one execution (rounds {string.Join(", ", merged)})");
    }

    private static IReadOnlyDictionary<string, Value> With(string token) =>
        Inputs(("token", Value.From(token)), ("service", Value.From("api")));

    /// <summary>A statement on the history itself, SQLite file or PostgreSQL schema.</summary>
    private static async Task RunSqlAsync(HistoryLocation history, string sql)
    {
        await using System.Data.Common.DbConnection connection = history.Kind == StoreKind.Postgres
            ? new NpgsqlConnection(history.Target)
            : new SqliteConnection($"Data Source={history.Target}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.NotEqual(0, await command.ExecuteNonQueryAsync());
    }
}
