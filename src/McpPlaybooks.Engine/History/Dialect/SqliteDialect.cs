using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>SQLite's SQL (Microsoft.Data.Sqlite): the text the history issued before there were two dialects.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private static readonly FullTextSearch Fts5 = new(
        "memory_search MATCH @match",
        "bm25(memory_search)",
        "snippet(memory_search, -1, '[', ']', '…', 16)",
        "memory_search.rowid",
        "p.id = memory_search.ref");

    public override string Name => "sqlite";

    /// <summary>Takes SQLite's write lock at the start, so a transaction never fails half-way on a lock upgrade.</summary>
    public override string BeginWrite => "BEGIN IMMEDIATE";

    public override string IndexedBy(string index) => " INDEXED BY " + index;

    public override string SkipLocked => "";

    /// <summary>SQLite's LIKE ignores ASCII case by itself.</summary>
    public override string LikeIgnoringCase => "LIKE";

    public override string EqualsIgnoringCase(string column, string parameter) => $"{column} = {parameter} COLLATE NOCASE";

    public override string ByCodePoint(string column) => column;

    public override string SameValue(string left, string right) => $"{left} IS {right}";

    public override string EqualsLongText(string column, string parameter) => $"{column} = {parameter}";

    public override string UpsertTarget(string table) => "";

    public override string Greatest => "max";

    public override string Least => "min";

    public override string InsertOrReplace(string table, IReadOnlyList<(string Column, string Parameter)> columns, IReadOnlyList<string> key) =>
        $"INSERT OR REPLACE INTO {table} ({string.Join(", ", columns.Select(c => c.Column))}) VALUES ({string.Join(", ", columns.Select(c => c.Parameter))})";

    public override string LastInsertIdExpression(string table) => "last_insert_rowid()";

    public override long LastInsertId(DbConnection connection) => raw.sqlite3_last_insert_rowid(Native(connection).Handle);

    public override void RollbackIfOpen(DbConnection connection)
    {
        if (raw.sqlite3_get_autocommit(Native(connection).Handle) == 0)
        {
            connection.RunSql("ROLLBACK");
        }
    }

    public override string? OnWriterClosing => "PRAGMA optimize";

    public override string JsonArrayAggregate(string element) => $"json_group_array({element})";

    public override string JsonArray(string items) => $"json_array({items})";

    public override string AsInteger(string condition) => condition;

    public override string JsonArrayElements(string parameter) => $"json_each({parameter})";

    public override string JsonIntegerAt(int index) => string.Create(CultureInfo.InvariantCulture, $"json_extract(value, '$[{index}]')");

    public override string JsonTextAt(int index) => JsonIntegerAt(index);

    public override FullTextSearch FullText => Fts5;

    /// <summary>By the primary result code (the low byte of the extended one).</summary>
    public override StoreFailure Classify(DbException exception) => exception is SqliteException sqlite
        ? SqliteCodes.Classify(sqlite.SqliteErrorCode)
        : StoreFailure.Other;

    private static SqliteConnection Native(DbConnection connection) => connection as SqliteConnection
        ?? throw new ArgumentException($"The SQLite dialect needs a SqliteConnection, not {connection.GetType().Name}.", nameof(connection));
}
