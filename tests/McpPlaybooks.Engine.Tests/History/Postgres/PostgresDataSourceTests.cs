using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>The pool the PostgreSQL history uses: statements that run again are prepared on the server once.</summary>
public sealed class PostgresDataSourceTests : IAsyncLifetime
{
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Create_AStatementRunAgainAndAgain_IsPreparedOnTheServer()
    {
        Assert.Equal(1, await PreparedAfterRunningOneStatementTenTimesAsync(_schema.Location));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    public async Task Create_AStringThatSetsMaxAutoPrepare_KeepsItsValue(string setting)
    {
        var location = HistoryLocation.Parse(_schema.ConnectionString + ";" + setting, "/unused", "/", _ => null, out var problem)
            ?? throw new InvalidOperationException(problem);

        Assert.Equal(0, await PreparedAfterRunningOneStatementTenTimesAsync(location));
    }

    private static async Task<long> PreparedAfterRunningOneStatementTenTimesAsync(HistoryLocation location)
    {
        await using var dataSource = PostgresDataSource.Create(location);
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relpages > $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = i });
            await command.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relpages > $1%'", connection);
        return (long)(await prepared.ExecuteScalarAsync())!;
    }
}
