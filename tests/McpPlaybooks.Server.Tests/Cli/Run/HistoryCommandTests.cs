using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

public sealed class HistoryCommandTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task History_NoDatabase_ListsNothingAndCreatesNothing()
    {
        var data = Path.Combine(_directory.Path, "data");

        var result = await RunCli.RunAsync(_directory.Path, "history", "--data-dir", "data");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"0 executions in {data}"], result.OutLines);
        Assert.Empty(result.Error);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task History_NoDatabaseAsJson_PrintsEmptyArray()
    {
        var result = await RunCli.RunAsync(_directory.Path, "history", "--data-dir", "data", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task History_BadLimit_ExitsTwo(string limit)
    {
        var result = await RunCli.RunAsync(_directory.Path, "history", "--limit", limit);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void WriteHuman_Executions_OneLineEachThenCount()
    {
        using var output = new StringWriter();

        HistoryWriter.WriteHuman([Failed(), Record("ex2", ExecutionStatus.Completed) with { DryRun = true }], "/data", output);

        Assert.Equal(
        [
            "2025-01-02 03:04:05Z  ex1  failed            greet 1.0.0  2.0 s  cli:alice  timeout: took | too long",
            "2025-01-02 03:04:05Z  ex2  completed         greet 1.0.0 (dry run)  -  cli:alice",
            "2 executions in /data",
        ], TextLines.Of(output.ToString()));
    }

    [Fact]
    public void WriteJson_Executions_SnakeCaseArray()
    {
        using var output = new StringWriter();

        HistoryWriter.WriteJson([Failed()], output);

        using var json = JsonDocument.Parse(output.ToString());
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("ex1", row.GetProperty("execution_id").GetString());
        Assert.Equal("greet", row.GetProperty("playbook_id").GetString());
        Assert.Equal("failed", row.GetProperty("status").GetString());
        Assert.Equal("timeout", row.GetProperty("error_category").GetString());
        Assert.Equal("cli:alice", row.GetProperty("started_by").GetString());
    }

    private static ExecutionRecord Failed() => Record("ex1", ExecutionStatus.Failed) with
    {
        StartedAt = Created,
        EndedAt = Created.AddSeconds(2),
        ErrorCategory = ErrorCategory.Timeout,
        ErrorMessage = "took\ntoo long",
    };

    private static ExecutionRecord Record(string id, ExecutionStatus status) => new()
    {
        Id = id,
        PlaybookId = "greet",
        PlaybookVersion = "1.0.0",
        PlaybookSha256 = "abc",
        Status = status,
        StartedBy = "cli:alice",
        CreatedAt = Created,
        UpdatedAt = Created,
    };
}
