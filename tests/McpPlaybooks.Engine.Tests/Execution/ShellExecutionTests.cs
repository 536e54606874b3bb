using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>The executor running real processes: timeouts kill the tree, inputs stay single arguments.</summary>
public sealed class ShellExecutionTests
{
    [Fact]
    public async Task RunAsync_ShellStepTimeout_KillsTheWholeProcessTree()
    {
        await using var harness = await StartAsync();
        var pids = harness.PathOf("pids");
        var script = harness.PathOf("tree.sh");
        Assert.False(OperatingSystem.IsWindows(), "the shell tests need a POSIX system");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\nsleep 60 &\necho $! >> {pids}\nsh -c 'sleep 60 & echo $! >> {pids}; wait' &\nwait\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var state = await harness.RunAsync($$"""
            id: tree
            name: Tree
            version: 1.0.0
            steps:
              - id: hang
                action: shell
                with: { command: ["{{script}}"] }
                timeout: 700ms
                rollback: []
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Timeout, Step(state, "hang").Error!.Category);
        Assert.Equal("shell timed out after 700ms", Step(state, "hang").Error!.Message);
        var started = (await File.ReadAllLinesAsync(pids)).Select(int.Parse).ToList();
        Assert.Equal(2, started.Count);
        foreach (var pid in started)
        {
            Assert.True(ProcessProbe.IsGoneAfterReaping(pid), $"process {pid} survived the timeout");
        }
    }

    [Theory]
    [InlineData("; touch PWNED")]
    [InlineData("$(touch PWNED)")]
    [InlineData("`touch PWNED`")]
    [InlineData("a\ntouch PWNED")]
    [InlineData("| touch PWNED")]
    [InlineData("&& touch PWNED")]
    [InlineData("' ; touch PWNED ; '")]
    [InlineData("> PWNED")]
    public async Task RunAsync_InjectionPayloadInAnInput_ReachesTheProgramAsOneLiteralArgument(string payload)
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: inject
            name: Inject
            version: 1.0.0
            inputs:
              name: { type: string }
            steps:
              - id: echo
                action: shell
                with: { command: [printf, "%s", "{{ inputs.name }}"], cwd: "HERE" }
                rollback: []
            """.Replace("HERE", harness.Directory, StringComparison.Ordinal), Inputs(("name", Value.From(payload))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(payload, Step(state, "echo").Output.AsObject()["stdout"].AsString());
        Assert.False(File.Exists(harness.PathOf("PWNED")));
    }

    [Fact]
    public async Task RunAsync_OptionInjectionInAnInput_IsRefusedBeforeAnythingStarts()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: dash
            name: Dash
            version: 1.0.0
            inputs:
              path: { type: string }
            steps:
              - id: remove
                action: shell
                with: { command: [rm, "{{ inputs.path }}"] }
                rollback: []
            """, Inputs(("path", Value.From("--no-preserve-root"))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Validation, Step(state, "remove").Error!.Category);
        Assert.Contains("starts with '-'", Step(state, "remove").Error!.Message, StringComparison.Ordinal);
    }
}
