using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// Found by an audit: an input's pattern ran on the backtracking engine, so '^([a-z]+)+$' spent its one-second limit on
/// each value of "aaa…!" and then said the value did not match, true or not. Patterns now run in linear time, and the
/// limit that stays as a belt blames the pattern, where it is written, never the caller's value.
/// </summary>
public sealed class InputPatternTests
{
    // The first branch is catastrophic for a backtracking engine on "aaa…a!", which gave up after its limit and called
    // the value a mismatch; the second branch matches it.
    private static readonly string Catastrophic = Playbook("catastrophic", "^([a-z]+)+$|^[a-z]+!$");

    [Fact]
    public async Task RunAsync_ValuesOnWhichTheAuditsPatternBacktracks_AreCheckedForWhatTheyAre()
    {
        await using var harness = await StartAsync();
        var fits = new string('a', 40) + "!";

        var state = await harness.RunAsync(Catastrophic, Inputs(("names", Value.From([Value.From(fits), Value.From(fits)]))));
        var refused = await Assert.ThrowsAsync<InvalidInputsException>(() =>
            harness.RunAsync(Catastrophic, Inputs(("names", Value.From([Value.From(fits), Value.From(new string('a', 40) + "!!")])))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(["input 'names[1]' does not match the pattern ^([a-z]+)+$|^[a-z]+!$"], refused.Problems);
    }

    [Fact]
    public async Task RunAsync_APatternSlowerThanItsLimitOnALongValue_IsRefusedBlamingThePatternWhereItIsWritten()
    {
        // Linear, but the automaton is large: on 100,000 characters this pattern takes over a minute without its limit.
        var yaml = Playbook("slow-pattern", "(.*a.{200}b){1,20}c");
        await using var harness = await StartAsync();
        var value = string.Concat(Enumerable.Repeat("ab", 50_000));

        var refused = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.RunAsync(yaml, Inputs(("names", Value.From([Value.From("ok"), Value.From(value), Value.From(value)])))));

        Assert.Equal(RefusalKind.PlaybookNotRunnable, refused.Kind);
        Assert.Equal(
            "playbook 'slow-pattern' cannot check its inputs: the playbook's pattern (.*a.{200}b){1,20}c at inputs.names.items.pattern (line 6, column 57) "
            + "took longer than 1s to match input 'names[1]' (100,000 characters), so the value was not checked: the pattern is at fault, not the value; "
            + "make the pattern simpler (a counted repetition inside another, such as (.{200}x){1,20}, makes it slow on long values), or bound the value with max_length, which is checked before the pattern",
            refused.Message);
    }

    private static string Playbook(string id, string pattern) => $$$"""
        id: {{{id}}}
        name: Patterned
        version: 1.0.0
        timeout: 1m
        inputs:
          names: { type: array, items: { type: string, pattern: "{{{pattern}}}" } }
        steps:
          - id: a
            action: log
            with: { message: "{{ length(inputs.names) }}" }
        """;
}
