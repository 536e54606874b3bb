using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>A shell step's environment handed over by a template may not set PATH, LD_* or other loader variables unless the step opts in.</summary>
public sealed class ShellEnvironmentFromTemplateTests
{
    private const string Playbook = """
        id: env-from-input
        name: Env from input
        version: 1.0.0
        inputs:
          env: { type: object }
        steps:
          - id: run
            action: shell
            with: { command: [sh, -c, "touch MARKER; printenv FOO"], env: "{{ inputs.env }}"OPT_IN }
            rollback: []
        """;

    [Theory]
    [InlineData("LD_PRELOAD", "/tmp/hook.so")]
    [InlineData("PATH", "/tmp/evil-bin")]
    [InlineData("DYLD_INSERT_LIBRARIES", "/tmp/hook.dylib")]
    [InlineData("BASH_ENV", "/tmp/evil.sh")]
    [InlineData("PYTHONPATH", "/tmp/evil")]
    [InlineData("NODE_OPTIONS", "--require /tmp/evil.js")]
    [InlineData("IFS", "x")]
    public async Task RunAsync_LoaderVariableFromATemplatedMap_FailsWithValidationBeforeTheProgramStarts(string name, string value)
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(PlaybookFor(harness, optIn: false),
            Inputs(("env", Value.From([KeyValuePair.Create("FOO", Value.From("bar")), KeyValuePair.Create(name, Value.From(value))]))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var error = Step(state, "run").Error!;
        Assert.Equal(ErrorCategory.Validation, error.Category);
        Assert.Contains($"the environment variable {name} comes from a template", error.Message, StringComparison.Ordinal);
        Assert.Contains("allow_loader_env: true", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(harness.PathOf("ran")), "the program ran"); // refused before it started
    }

    [Fact]
    public async Task RunAsync_OrdinaryVariableFromATemplatedMap_ReachesTheProgram()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(PlaybookFor(harness, optIn: false), Inputs(("env", Value.From([KeyValuePair.Create("FOO", Value.From("bar"))]))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal("bar", Step(state, "run").Output.AsObject()["stdout"].AsString());
    }

    [Fact]
    public async Task RunAsync_StepThatOptsIn_MaySetPathFromATemplate()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(PlaybookFor(harness, optIn: true),
            Inputs(("env", Value.From([KeyValuePair.Create("FOO", Value.From("bar")), KeyValuePair.Create("PATH", Value.From("/usr/bin:/bin"))]))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal("bar", Step(state, "run").Output.AsObject()["stdout"].AsString());
    }

    private static string PlaybookFor(EngineHarness harness, bool optIn) => Playbook
        .Replace("MARKER", harness.PathOf("ran"), StringComparison.Ordinal)
        .Replace("OPT_IN", optIn ? ", allow_loader_env: true" : "", StringComparison.Ordinal);
}
