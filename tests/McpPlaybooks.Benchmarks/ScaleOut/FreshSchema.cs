using Npgsql;

namespace McpPlaybooks.Benchmarks.ScaleOut;

/// <summary>A schema of one benchmark round's (or crash scenario's) own in a PostgreSQL database, dropped when disposed.</summary>
internal sealed class FreshSchema : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private FreshSchema(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString;
    }

    /// <summary>The database's connection string with this schema as its only search path.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates <c>scale_</c> and a random part in the database <paramref name="server"/> names (Npgsql's form).</summary>
    public static async Task<FreshSchema> CreateAsync(string server)
    {
        var schema = new FreshSchema(server, "scale_" + Guid.NewGuid().ToString("N")[..12]);
        await schema.RunAsync($"CREATE SCHEMA {schema._name}");
        return schema;
    }

    public async ValueTask DisposeAsync() => await RunAsync($"DROP SCHEMA IF EXISTS {_name} CASCADE");

    private async Task RunAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
