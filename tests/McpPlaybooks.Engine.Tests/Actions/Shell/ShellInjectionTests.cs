using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;
using static McpPlaybooks.Engine.Tests.Actions.Shell.ShellTestFolder;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

/// <summary>Hostile input values, through a real playbook's templates, reach the program as one literal argument.</summary>
public sealed class ShellInjectionTests : IDisposable
{
    private readonly ShellTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("; touch PWNED")]
    [InlineData("$(touch PWNED)")]
    [InlineData("`touch PWNED`")]
    [InlineData("a\ntouch PWNED")]
    [InlineData("| touch PWNED")]
    [InlineData("&& touch PWNED")]
    [InlineData("' ; touch PWNED ; '")]
    [InlineData("\" ; touch PWNED ; \"")]
    [InlineData("$HOME")]
    [InlineData("*")]
    [InlineData("> PWNED")]
    public async Task RunAsync_HostileInput_IsPrintedLiterallyAndRunsNothing(string payload)
    {
        var output = await RunPlaybookAsync("[printf, \"%s\", \"{{ inputs.x }}\"]", payload);

        Assert.Equal(payload, OutputText(output, "stdout"));
        Assert.False(File.Exists(_folder.PathOf("PWNED")));
    }

    [Theory]
    [InlineData("--flag")]
    [InlineData("-rf")]
    public async Task RunAsync_TemplatedDashArgument_IsRefused(string payload)
    {
        var e = await Assert.ThrowsAsync<ActionFailedException>(() => RunPlaybookAsync("[printf, \"%s\", \"{{ inputs.x }}\"]", payload));

        Assert.Equal(ErrorCategory.Validation, e.Category);
        Assert.Contains($"argument 2 of the command is '{payload}', which starts with '-'", e.Message, StringComparison.Ordinal);
        Assert.Contains("allow_dash_args: true", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--flag")]
    [InlineData("-rf")]
    public async Task RunAsync_TemplatedDashArgumentAllowed_IsPrintedLiterally(string payload)
    {
        var output = await RunPlaybookAsync("[printf, \"%s\", \"{{ inputs.x }}\"]", payload, "allow_dash_args: true");

        Assert.Equal(payload, OutputText(output, "stdout"));
    }

    [Theory]
    [InlineData("\"{{ inputs.argv }}\"", 12, 16)]
    [InlineData("[\"{{ inputs.x }}\", -n, hi]", 12, 17)]
    public void Validate_ProgramFromATemplate_IsRefusedWhereItIsWritten(string command, int line, int column)
    {
        var report = new PlaybookValidator().ValidateText(Yaml(command, ""), "t.yaml");

        var error = Assert.Single(report.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.ProgramFromTemplate, error.Code);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
        Assert.Contains("comes from a template", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[echo, -n, \"{{ inputs.x }}\"]", "hello", "hello")]
    [InlineData("[printf, \"--%s\", \"{{ inputs.x }}\"]", "x", "--x")]
    [InlineData("[printf, \"%s\", \"-{{ inputs.x }}\"]", "v", "-v")]
    public async Task RunAsync_DashWrittenInThePlaybook_Passes(string command, string payload, string expected)
    {
        var output = await RunPlaybookAsync(command, payload);

        Assert.Equal(expected, OutputText(output, "stdout"));
    }

    private Task<Value> RunPlaybookAsync(string command, string payload, string extra = "") =>
        RunPlaybookAsync(command, Value.From(payload), extra);

    private async Task<Value> RunPlaybookAsync(string command, Value payload, string extra = "")
    {
        var report = new PlaybookValidator().ValidateText(Yaml(command, extra), "t.yaml");
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics.Select(d => d.ToString())));
        var step = report.Playbook!.Steps[0];
        var scope = new ExpressionScope();
        var name = payload.Kind == ValueKind.List ? "argv" : "x";
        scope.Add("inputs", Value.From([KeyValuePair.Create(name, payload)]));
        var arguments = step.With.Render(scope);
        var withCwd = Value.From(arguments.AsObject().Append(KeyValuePair.Create("cwd", Value.From(_folder.Path))));
        var invocation = new ActionInvocation
        {
            ExecutionId = "exec-1",
            StepId = step.Id,
            Arguments = withCwd,
            With = step.With,
            Scope = scope,
            Log = _folder.Log,
        };
        return await new ShellActionHandler(_folder.Options()).RunAsync(invocation, CancellationToken.None);
    }

    private static string Yaml(string command, string extra) => $"""
            id: t
            name: T
            version: 1.0.0
            timeout: 5m
            inputs:
              x: {"{"} type: string, required: false {"}"}
              argv: {"{"} type: array, required: false {"}"}
            steps:
              - id: a
                action: shell
                with:
                  command: {command}
                  {extra}
            """;
}
