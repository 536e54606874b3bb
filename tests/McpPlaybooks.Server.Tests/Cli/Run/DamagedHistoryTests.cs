namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// A history.db that is empty, not SQLite or truncated: every command refuses it with one line on stderr naming the
/// file and what to do, exits 1, and leaves the file as it was.
/// </summary>
public sealed class DamagedHistoryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public DamagedHistoryTests()
    {
        Database = Path.Combine(_directory.Path, "data", "history.db");
    }

    private string Database { get; }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("", "is empty (0 bytes)")]
    [InlineData("not a database at all", "is not a history database")]
    public async Task History_DamagedDatabase_OneLineOnStderrAndTheFileKept(string content, string what)
    {
        _directory.Write("data/history.db", content);

        var result = await RunCli.RunAsync(_directory.Path, "history", "--data-dir", "data");

        AssertRefused(result, what);
        Assert.Equal(content, await File.ReadAllTextAsync(Database));
    }

    [Fact]
    public async Task Run_EmptyDatabase_IsRefusedNotInitialised()
    {
        _directory.Write("data/history.db", "");
        _directory.Write("quick.yaml", RunPlaybooks.SetLogShell);

        var result = await RunCli.RunAsync(_directory.Path, "run", "quick.yaml", "--data-dir", "data", "--input", "name=x");

        AssertRefused(result, "is empty (0 bytes)");
        Assert.Equal(0, new FileInfo(Database).Length);
    }

    [Fact]
    public async Task History_TruncatedDatabase_OneLineOnStderr()
    {
        _directory.Write("quick.yaml", RunPlaybooks.SetLogShell);
        var ran = await RunCli.RunAsync(_directory.Path, "run", "quick.yaml", "--data-dir", "data", "--input", "name=x", "--json");
        Assert.Equal(0, ran.ExitCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(Database);
        await File.WriteAllBytesAsync(Database, bytes[..(bytes.Length - 1000)]);
        File.Delete(Database + "-wal");

        var result = await RunCli.RunAsync(_directory.Path, "history", "--data-dir", "data");

        AssertRefused(result, "is damaged");
    }

    private void AssertRefused(CliResult result, string what)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: The history database '{Database}' {what}", line, StringComparison.Ordinal);
        Assert.Contains("backup", line, StringComparison.Ordinal);
    }
}
