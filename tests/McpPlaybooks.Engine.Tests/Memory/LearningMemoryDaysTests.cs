using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary><see cref="Engine.Memory.LearningMemory.GetDaysAsync"/>: real executions on two days of a manual clock, one point per playbook and day.</summary>
public sealed class LearningMemoryDaysTests
{
    private const string Exits = """
        id: exits
        name: Exits
        version: 1.0.0
        inputs:
          code: { type: integer, default: 0 }
        steps:
          - id: run
            action: shell
            with: { command: [/bin/sh, -c, 'exit $0', "{{ inputs.code }}"] }
            rollback: []
        """;

    private const string Logs = """
        id: logs
        name: Logs
        version: 1.0.0
        steps:
          - { id: one, action: log, with: { message: one } }
        """;

    [Fact]
    public async Task GetDaysAsync_RunsOnTwoDays_OnePointPerPlaybookAndDayWithItsRate()
    {
        var first = new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(first);
        await using var harness = await EngineHarness.StartAsync(time: clock);
        await RunAsync(harness, Exits, 0);
        await RunAsync(harness, Exits, 1);
        await RunAsync(harness, Exits, 0);
        await harness.RunAsync(Logs);
        clock.Advance(TimeSpan.FromHours(3));
        await RunAsync(harness, Exits, 0);

        var all = await harness.Engine.Memory.GetDaysAsync(null, first, default);
        var exits = await harness.Engine.Memory.GetDaysAsync("exits", first, default);
        var secondDayOnly = await harness.Engine.Memory.GetDaysAsync(null, first.AddDays(1), default);

        Assert.Equal(
            [("exits", "2026-03-01", 3, 2, 1), ("exits", "2026-03-02", 1, 1, 0), ("logs", "2026-03-01", 1, 1, 0)],
            all.Select(d => (d.PlaybookId, d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Runs, d.Completed, d.Failed)));
        Assert.Equal([2.0 / 3, 1.0], exits.Select(d => d.SuccessRate!.Value));
        Assert.All(all, d => Assert.Equal(TimeSpan.Zero, d.Day.TimeOfDay));
        Assert.All(all, d => Assert.NotNull(d.DurationP50));
        Assert.Equal(("exits", 1), (Assert.Single(secondDayOnly).PlaybookId, secondDayOnly[0].Runs));
    }

    private static Task<ExecutionState> RunAsync(EngineHarness harness, string yaml, int code) =>
        harness.RunAsync(yaml, EngineHarness.Inputs(("code", Value.From(code))));
}
