namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary><c>run</c> again: an identical active run is a refused duplicate; an idempotency key names one start.</summary>
public sealed class RunStartKeyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_IdenticalRunParkedAtAGate_IsRefusedAsADuplicateNamingIt()
    {
        _directory.Write("gated.yaml", RunPlaybooks.Gated);
        var first = await Run("gated.yaml", "--json");
        Assert.Equal(3, first.ExitCode);
        var id = ExecutionId(first.Out);

        var second = await Run("gated.yaml");

        Assert.Equal(2, second.ExitCode);
        Assert.Empty(second.Out);
        var line = Assert.Single(second.ErrorLines);
        Assert.StartsWith($"error: duplicate run: an identical execution (same playbook version, inputs and incident) is already waiting_approval: {id}.", line, StringComparison.Ordinal);
        Assert.Contains($"'mcp-playbooks approve {id}", line, StringComparison.Ordinal);
        Assert.Contains("--idempotency-key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SameIdempotencyKeyOtherInputs_ExitsTwoSayingWhatDiffers()
    {
        _directory.Write("greet.yaml", RunPlaybooks.SetLogShell);
        var first = await Run("greet.yaml", "--input", "name=ann", "--idempotency-key", "ticket-9", "--json");
        Assert.Equal(0, first.ExitCode);

        var again = await Run("greet.yaml", "--input", "name=ann", "--idempotency-key", "ticket-9", "--json");
        var other = await Run("greet.yaml", "--input", "name=bob", "--idempotency-key", "ticket-9", "--json");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(ExecutionId(first.Out), ExecutionId(again.Out));
        Assert.Contains("the idempotency key 'ticket-9' already started execution", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, other.ExitCode);
        Assert.Empty(other.Out);
        Assert.Contains("differs in inputs (name)", Assert.Single(other.ErrorLines), StringComparison.Ordinal);
    }

    private Task<CliResult> Run(params string[] args) => RunCli.RunAsync(_directory.Path, ["run", .. args, "--data-dir", "data"]);

    private static string ExecutionId(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("execution_id").GetString()!;
    }
}
