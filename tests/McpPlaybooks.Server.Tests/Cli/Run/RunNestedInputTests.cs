using System.Text.Json;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary><c>run --input</c> with array and object inputs that declare items and properties: checked all the way down by the binder.</summary>
public sealed class RunNestedInputTests : IDisposable
{
    private const string Playbook = """
        id: nested-inputs
        name: Nested inputs
        version: 1.0.0
        timeout: 1m
        inputs:
          hosts:
            type: array
            min_items: 1
            items: { type: string, pattern: "^[a-z0-9.-]+$" }
          labels:
            type: object
            required: [team]
            additional_properties: false
            properties:
              team: { type: string }
          ports: { type: array, items: { type: integer, minimum: 1 }, default: [80] }
        steps:
          - id: note
            action: log
            with: { message: "{{ inputs.hosts }} {{ inputs.labels }} {{ inputs.ports }}" }
        """;

    private readonly TempDirectory _directory = new();

    public RunNestedInputTests()
    {
        DataDirectory = Path.Combine(_directory.Path, "data");
        _directory.Write("nested.yaml", Playbook);
    }

    private string DataDirectory { get; }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_BadNestedInputs_ExitsTwoWithEveryProblemByPath()
    {
        var result = await Run("--input", """hosts=["web-1", 3, "a;b"]""", "--input", """labels={"owner": "me"}""", "--input", "ports=[0]");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Equal(
        [
            "error: input 'hosts[1]' must be a string, but it is 3",
            "error: input 'hosts[2]' does not match the pattern ^[a-z0-9.-]+$",
            "error: input 'labels.team' is required (string)",
            "error: input 'labels.owner' is not declared; it takes: team",
            "error: input 'ports[0]' is 0, below the minimum of 1",
        ], result.ErrorLines);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Run_FittingNestedInputs_Completes()
    {
        var result = await Run("--input", """hosts=["a","b"]""", "--input", """labels={"team": "web"}""", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
    }

    private Task<CliResult> Run(params string[] args) =>
        RunCli.RunAsync(_directory.Path, ["run", "nested.yaml", .. args, "--data-dir", DataDirectory]);
}
