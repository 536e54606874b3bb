using System.Data.Common;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.Tests.History.Dialect;

public sealed class StoreFailureTests
{
    [Theory]
    [InlineData(19, StoreFailure.Data)]
    [InlineData(2067, StoreFailure.Data)] // SQLITE_CONSTRAINT_UNIQUE
    [InlineData(18, StoreFailure.Data)]
    [InlineData(5, StoreFailure.Busy)]
    [InlineData(6, StoreFailure.Busy)]
    [InlineData(13, StoreFailure.Storage)]
    [InlineData(8, StoreFailure.Storage)]
    [InlineData(11, StoreFailure.Damaged)]
    [InlineData(1, StoreFailure.Other)]
    public void Classify_SqliteCode_GivesItsFailure(int code, StoreFailure expected) =>
        Assert.Equal(expected, SqlDialect.Sqlite.Classify(new SqliteException("refused", code)));

    [Theory]
    [InlineData("23505", StoreFailure.Data)] // unique_violation
    [InlineData("23503", StoreFailure.Data)] // foreign_key_violation
    [InlineData("22001", StoreFailure.Data)] // string_data_right_truncation
    [InlineData("40P01", StoreFailure.Busy)] // deadlock_detected
    [InlineData("55P03", StoreFailure.Busy)] // lock_not_available
    [InlineData("08006", StoreFailure.ConnectionLost)] // connection_failure
    [InlineData("57P01", StoreFailure.ConnectionLost)] // admin_shutdown
    [InlineData("53100", StoreFailure.Storage)] // disk_full
    [InlineData("25006", StoreFailure.Storage)] // read_only_sql_transaction
    [InlineData("42P01", StoreFailure.Other)] // undefined_table
    public void Classify_PostgresSqlState_GivesItsFailure(string state, StoreFailure expected) =>
        Assert.Equal(expected, SqlDialect.Postgres.Classify(new ProviderException(state)));

    [Fact]
    public void From_PostgresConnectionLost_SaysSoAndCarriesTheFailure()
    {
        var error = HistoryErrors.From(new ProviderException("08006"), "postgres://db.example/history", "save_execution run-1", SqlDialect.Postgres);

        Assert.Equal(StoreFailure.ConnectionLost, error.Failure);
        Assert.Null(error.SqliteErrorCode);
        Assert.Contains("connection to the history database 'postgres://db.example/history' was lost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsCausedByData_ConstraintInEitherDialect_IsTrue()
    {
        Assert.True(HistoryErrors.IsCausedByData(new SqliteException("constraint", 19), SqlDialect.Sqlite));
        Assert.True(HistoryErrors.IsCausedByData(new ProviderException("23503"), SqlDialect.Postgres));
        Assert.False(HistoryErrors.IsCausedByData(new SqliteException("full", 13), SqlDialect.Sqlite));
        Assert.False(HistoryErrors.IsCausedByData(new ProviderException("08006"), SqlDialect.Postgres));
    }

    /// <summary>A provider's exception with a SQLSTATE, as Npgsql's PostgresException reports it through <see cref="DbException.SqlState"/>.</summary>
    private sealed class ProviderException(string state) : DbException("refused by the server")
    {
        public override string? SqlState => state;
    }
}
