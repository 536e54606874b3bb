using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>
/// A loop's combined output and what its attempts store are bounded together (16 MiB of JSON each), not only each
/// iteration's: 24 iterations of 819,210 characters keep 20 outputs, and the 4 that complete after the budget is spent
/// keep a note saying they were dropped; their attempts store a note too. Before, every output was kept in memory (a loop
/// of 1,000 such outputs took ~1.6 GB) and every attempt stored its own (~800 MB in <c>step_attempts</c>).
/// </summary>
public sealed class LoopOutputBudgetTests
{
    private const int Iterations = 24;

    private static readonly string Playbook = $$$"""
        id: loop-budget
        name: Loop budget
        version: 1.0.0
        variables:
          v0: "{{{new string('x', 100)}}}"
        {{{string.Join("\n", Enumerable.Range(1, 13).Select(Doubled))}}}
        steps:
          - id: each
            action: set
            foreach: "{{ fromJson('[{{{string.Join(", ", Enumerable.Range(0, Iterations))}}}]') }}"
            concurrency: 4
            with: { x: "{{ vars.v13 }}" }
          - id: after
            needs: [each]
            action: set
            with: { count: "{{ length(steps.each.output) }}" }
        """;

    private static string Doubled(int i) => $$$"""  v{{{i}}}: '{{ vars.v{{{i - 1}}} }}{{ vars.v{{{i - 1}}} }}'""";

    [Fact]
    public async Task RunAsync_LoopOutputsPastTheBudget_LaterIterationsKeepANoteAndTheAttemptsStoreAtMostTheBudget()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(Iterations, Step(state, "after").Output.AsObject()["count"].AsNumber());
        var outputs = Step(state, "each").Output.AsList();
        var dropped = outputs.Where(o => o.Kind == ValueKind.String).ToList();
        Assert.Equal(4, dropped.Count);
        Assert.All(dropped, note => Assert.Matches(
            @"^\[output of iteration \d+ dropped: the loop's outputs passed 16,777,216 characters of JSON together \(this one at least 819,\d{3}\)\]$",
            note.AsString()));
        Assert.Equal(20, outputs.Count(o => o.Kind == ValueKind.Object));
        Assert.Contains(await harness.LogsAsync(state.ExecutionId), log => log.StepId == "each" && log.Level == ExecutionLogLevel.Warning
            && log.Message.StartsWith("the outputs of 4 of its 24 iterations were dropped, each replaced by a note", StringComparison.Ordinal));

        var attempts = (await harness.AttemptsAsync(state.ExecutionId)).Where(a => a.StepId == "each").ToList();
        Assert.Equal(Iterations, attempts.Count);
        Assert.InRange(attempts.Sum(a => (long)a.OutputJson!.Length), 16 * 1024 * 1024 - 819_300, 16 * 1024 * 1024);
        var notStored = attempts.Where(a => a.OutputJson!.Length < 1000).ToList();
        Assert.Equal(4, notStored.Count);
        Assert.All(notStored, a => Assert.Matches(
            @"^""\[output of 819,\d{3} characters not stored: the attempts of 'each' stored 16,777,216 characters of output together\]""$",
            a.OutputJson));
    }
}
