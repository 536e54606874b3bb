using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.Tests.History.Dialect;

/// <summary>
/// The statements of each dialect against golden files: SQLite's are exactly the text from before there were two dialects
/// (query plans and statement caches depend on it).
/// </summary>
public sealed class DialectStatementsTests
{
    [Fact]
    public void Statements_Sqlite_AreExactlyTheGoldenText() => AssertGolden(SqlDialect.Sqlite, "sqlite-statements.sql");

    /// <summary>
    /// PostgreSQL's statements where they differ from SQLite's, so that a change to them shows in review
    /// (<c>MCPPLAYBOOKS_UPDATE_SQL=1</c> rewrites both files).
    /// </summary>
    [Fact]
    public void Statements_Postgres_AreTheGoldenText() => AssertGolden(SqlDialect.Postgres, "postgres-statements.sql", differingFrom: SqlDialect.Sqlite);

    [Fact]
    public void Statements_Postgres_HaveNoSqliteOnlySyntax()
    {
        string[] sqliteOnly = ["INDEXED BY", "COLLATE NOCASE", "json_extract", "json_each", "json_group_array", "last_insert_rowid", "INSERT OR REPLACE", "bm25", "MATCH", "IMMEDIATE", " IS @", "max(", "min("];

        foreach (var (name, sql) in DialectStatements.Of(SqlDialect.Postgres))
        {
            foreach (var word in sqliteOnly)
            {
                Assert.False(sql.Contains(word, StringComparison.Ordinal), $"{name} still says {word}:\n{sql}");
            }
        }
    }

    [Fact]
    public void ClaimBatch_Postgres_SkipsRowsAnotherServerHolds()
    {
        var sql = DialectStatements.Of(SqlDialect.Postgres)["LeaseStatements.ClaimBatch"];

        Assert.Contains("LIMIT @Limit FOR UPDATE SKIP LOCKED)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Upserts_Postgres_QualifyTheExistingRow()
    {
        var sql = DialectStatements.Of(SqlDialect.Postgres)["FoldSql.Duration"];

        Assert.EndsWith("DO UPDATE SET count = memory_durations.count + excluded.count", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void InsertOrReplace_Postgres_UpdatesTheOtherColumnsOnConflict()
    {
        var sql = DialectStatements.Of(SqlDialect.Postgres)["SqlDialect.InsertOrReplace(approval_pages)"];

        Assert.Equal(
            "INSERT INTO approval_pages (owner_id, base_url, started_at) VALUES (@OwnerId, @BaseUrl, @StartedAt) "
                + "ON CONFLICT (owner_id) DO UPDATE SET base_url = excluded.base_url, started_at = excluded.started_at",
            sql);
    }

    private static void AssertGolden(SqlDialect dialect, string file, SqlDialect? differingFrom = null)
    {
        var golden = Path.Combine(TestPaths.RepositoryRoot, "tests", "McpPlaybooks.Engine.Tests", "History", "Dialect", file);
        var text = DialectStatements.Text(dialect, differingFrom);
        if (Environment.GetEnvironmentVariable("MCPPLAYBOOKS_UPDATE_SQL") == "1")
        {
            File.WriteAllText(golden, text);
        }

        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), text);
    }
}
