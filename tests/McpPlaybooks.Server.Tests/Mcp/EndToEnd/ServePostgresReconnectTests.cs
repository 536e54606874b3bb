using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli;
using Npgsql;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// <c>serve --database</c> at a PostgreSQL that drops every connection of the server while a step runs (as a restart of
/// the database does): the built server reconnects, logs it once, and the execution completes, each step recorded once.
/// </summary>
public sealed class ServePostgresReconnectTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Serve_EveryBackendOfTheServerTerminatedMidRun_TheExecutionCompletes()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var name = "mcpp-reconnect-" + Guid.NewGuid().ToString("n")[..12];
        var work = _root.Path;
        var playbooks = Path.GetDirectoryName(_root.Write("playbooks/fenced.yaml", FencedPlaybook.Yaml(work)))!;
        string[] database = ["--database", new NpgsqlConnectionStringBuilder(schema.ConnectionString) { ApplicationName = name }.ConnectionString];

        await using var server = await StdioServerProcess.StartAsync(Path.Combine(work, "data"), [playbooks], arguments: database);
        var run = server.Client.CallOkAsync("execute_playbook", new { playbook_id = "fenced", wait_seconds = 120 });
        await FileAppearance.WaitForLineAsync(Path.Combine(work, "running"), StdioServerProcess.Timeout);

        Assert.True(await TerminateAsync(schema, name) >= 1, "no backend of the server was found");
        await File.WriteAllTextAsync(Path.Combine(work, "go"), "");
        var done = await run;

        Assert.Equal("completed", done.Str("status"));
        Assert.Equal("work:completed next:completed", done.Steps());
        Assert.Equal(["work", "next"], await File.ReadAllLinesAsync(Path.Combine(work, "marker")));
        await server.ErrorLineAsync(line => line.Contains("Reconnected to the history database", StringComparison.Ordinal));
        Assert.Single(server.ErrorLines, line => line.Contains("Lost the connection to the history database", StringComparison.Ordinal));
        await using var connection = await schema.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM step_attempts WHERE execution_id = @id", connection);
        command.Parameters.AddWithValue("id", done.Str("execution_id"));
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    public void Dispose() => _root.Dispose();

    /// <summary>Ends every server process of the application <paramref name="name"/>, waiting until each is gone; how many.</summary>
    private static async Task<long> TerminateAsync(PostgresTestSchema schema, string name)
    {
        await using var connection = await schema.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 30000)) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
