using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>A schema of one test's own in the test PostgreSQL (<see cref="PostgresServer"/>); dropped when disposed.</summary>
internal sealed class PostgresTestSchema(string server, string name, string connectionString) : IAsyncDisposable
{
    /// <summary>The schema's name.</summary>
    public string Name { get; } = name;

    /// <summary>A connection string whose search path is this schema only.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The schema as a history location (what <c>--database</c> with <see cref="ConnectionString"/> gives).</summary>
    public HistoryLocation Location =>
        HistoryLocation.Parse(ConnectionString, "/unused", "/", _ => null, out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary>A connection to the schema, for looking at what the store wrote.</summary>
    public async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
