using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary><c>serve --database</c> at a PostgreSQL: the built server over stdio runs a playbook to its end, recorded in that database.</summary>
public sealed class ServePostgresEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string DataDirectory => Path.Combine(_root.Path, "data");

    [Fact]
    public async Task Serve_DatabaseIsPostgres_RunsAPlaybookThroughItsGateToTheEndAndAnotherServerReadsIt()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        _root.Write("playbooks/restart-web.yaml", EndToEndPlaybooks.RestartWeb);
        string[] database = ["--database", schema.ConnectionString];
        string id;

        await using (var server = await StdioServerProcess.StartAsync(DataDirectory, [Path.Combine(_root.Path, "playbooks")], arguments: database))
        {
            var parked = await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "restart-web", inputs = new { service = "web" }, wait_seconds = 30 });
            id = parked.Str("execution_id");
            Assert.Equal("waiting_approval", parked.Str("status"));
            var done = await server.Client.CallOkAsync("approve_step", new { execution_id = id, step_id = "restart", decision = "approve", wait_seconds = 30 });

            Assert.Equal("completed", done.Str("status"));
            Assert.Equal("check:completed restart:completed", done.Steps());
        }

        // The history is in PostgreSQL, not in a file beside the data.
        Assert.False(File.Exists(Path.Combine(DataDirectory, "history.db")), "an SQLite history was created");
        await using (var connection = await schema.ConnectAsync())
        await using (var command = new Npgsql.NpgsqlCommand("SELECT status FROM executions WHERE id = @id", connection))
        {
            command.Parameters.AddWithValue("id", id);
            Assert.Equal("completed", await command.ExecuteScalarAsync());
        }

        // A second server on the same database sees the finished run, its outputs and its log.
        await using (var other = await StdioServerProcess.StartAsync(Path.Combine(_root.Path, "data2"), [Path.Combine(_root.Path, "playbooks")], arguments: database))
        {
            var read = await other.Client.CallOkAsync("get_execution", new { execution_id = id });
            Assert.Equal("completed", read.Str("status"));
            Assert.Equal("restarted web", read.GetProperty("outputs").Str("restarted").Trim());
            var listed = await other.Client.CallOkAsync("list_executions", new { playbook_id = "restart-web" });
            Assert.Equal(id, Assert.Single(listed.GetProperty("executions").EnumerateArray()).Str("execution_id"));
        }
    }

    public void Dispose() => _root.Dispose();
}
