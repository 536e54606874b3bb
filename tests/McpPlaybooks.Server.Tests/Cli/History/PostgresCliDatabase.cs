using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.Run;
using Npgsql;

namespace McpPlaybooks.Server.Tests.Cli.History;

/// <summary>
/// A test schema as a person gives it to the command line: the connection string in <c>--database</c> without its
/// password, the password in <c>PGPASSWORD</c> (so a test can look for it in everything the commands print).
/// </summary>
internal sealed class PostgresCliDatabase
{
    public PostgresCliDatabase(PostgresTestSchema schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        Password = builder.Password!;
        builder.Password = null;
        Connection = builder.ConnectionString;
        Schema = schema;
    }

    public PostgresTestSchema Schema { get; }

    /// <summary>The <c>--database</c> value: no password in it.</summary>
    public string Connection { get; }

    public string Password { get; }

    /// <summary>The environment a command needs to reach the schema, with <paramref name="more"/> variables.</summary>
    public Dictionary<string, string> Environment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string> { ["PGPASSWORD"] = Password };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>How many tables the schema has (0: nothing was created in it).</summary>
    public async Task<long> TableCountAsync()
    {
        await using var connection = await Schema.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = @schema", connection);
        command.Parameters.AddWithValue("schema", Schema.Name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Fails when any output of <paramref name="results"/> holds the password.</summary>
    public void AssertPasswordNowhere(params CliResult[] results)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(Password, result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>A command in this process, in <paramref name="directory"/>, on this database.</summary>
    public Task<CliResult> RunInProcessAsync(string directory, params string[] args) =>
        RunCli.RunAsync(directory, Environment(), [.. args, "--database", Connection]);
}
