using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Execution.Approvals;

namespace McpPlaybooks.Engine.Tests.Telemetry;

/// <summary>The engine's meter, heard through a real <see cref="MeterListener"/> on a real engine and SQLite file.</summary>
public sealed class EngineMetricsTests
{
    private const string TwoSteps = """
        id: measured
        name: Measured
        version: 1.0.0
        steps:
          - id: ok
            action: shell
            with: { command: [/bin/true] }
          - id: bad
            needs: [ok]
            action: shell
            with: { command: [/bin/false] }
            rollback: []
        """;

    private const string Gated = """
        id: gated-measured
        name: Gated
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?" }
            action: shell
            with: { command: [/bin/true] }
        """;

    [Fact]
    public async Task AFailedRun_IsCountedStartedAndFinished_WithEachAttemptByActionStatusAndCategory()
    {
        await using var harness = await EngineHarness.StartAsync();
        using var heard = new Heard(harness.Engine.History);

        var state = await harness.RunAsync(TwoSteps);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(1, heard.Sum("mcpplaybooks.executions.started", ("playbook", "measured"), ("dry_run", "False")));
        Assert.Equal(1, heard.Sum("mcpplaybooks.executions.finished", ("playbook", "measured"), ("status", "failed")));
        Assert.Equal(1, heard.Count("mcpplaybooks.execution.duration", ("playbook", "measured"), ("status", "failed")));
        Assert.Equal(1, heard.Sum("mcpplaybooks.step.attempts", ("action", "shell"), ("status", "completed"), ("error_category", "none")));
        Assert.Equal(1, heard.Sum("mcpplaybooks.step.attempts", ("action", "shell"), ("status", "failed")));
        Assert.Equal(2, heard.Count("mcpplaybooks.step.duration"));
        Assert.True(heard.Count("mcpplaybooks.history.write.duration") >= 3);
    }

    [Fact]
    public async Task ADryRun_IsTaggedSo_AndHasNoDuration()
    {
        await using var harness = await EngineHarness.StartAsync();
        using var heard = new Heard(harness.Engine.History);

        await harness.RunAsync(TwoSteps, dryRun: true);

        Assert.Equal(1, heard.Sum("mcpplaybooks.executions.started", ("dry_run", "True")));
        Assert.Equal(1, heard.Sum("mcpplaybooks.executions.finished", ("dry_run", "True")));
        Assert.Equal(0, heard.Count("mcpplaybooks.execution.duration"));
    }

    [Fact]
    public async Task GatesWaiting_CountsTheOpenGateUntilItIsDecided()
    {
        await using var harness = await EngineHarness.StartAsync();
        using var heard = new Heard(harness.Engine.History);

        var start = await harness.Engine.StartAsync(new ExecutionRequest
        {
            Playbook = EngineHarness.Load(Gated),
            Content = Gated,
            Inputs = new Dictionary<string, Engine.Expressions.Value>(),
            StartedBy = "test:harness",
        }, null, CancellationToken.None);
        await WaitForAsync(async () => (await harness.Engine.GetStateAsync(start.ExecutionId, CancellationToken.None))!.Status == ExecutionStatus.WaitingApproval);

        Assert.Equal(1, heard.Gauge("mcpplaybooks.gates.waiting"));
        await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = start.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("bob") }, default);
        await WaitForAsync(async () => (await harness.Engine.GetStateAsync(start.ExecutionId, CancellationToken.None))!.Status == ExecutionStatus.Completed);
        Assert.Equal(0, heard.Gauge("mcpplaybooks.gates.waiting"));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Every measurement of the instruments whose meter's scope is this engine's history store.</summary>
    private sealed class Heard : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> measurements = new();

        public Heard(object scope)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.Start();
        }

        public double Sum(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Sum(m => m.Value);

        public int Count(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Count();

        /// <summary>Collects the observable instruments now and sums what they report.</summary>
        public double Gauge(string name)
        {
            measurements.Clear();
            listener.RecordObservableInstruments();
            return Matching(name, []).Sum(m => m.Value);
        }

        public void Dispose() => listener.Dispose();

        private IEnumerable<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string name, (string Key, string Value)[] tags) =>
            measurements.Where(m => m.Name == name
                && tags.All(t => m.Tags.Any(k => k.Key == t.Key && Convert.ToString(k.Value, System.Globalization.CultureInfo.InvariantCulture) == t.Value)));
    }
}
