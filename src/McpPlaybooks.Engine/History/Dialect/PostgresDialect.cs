using System.Data.Common;
using System.Globalization;
using McpPlaybooks.Engine.History.Postgres;

namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>
/// PostgreSQL's SQL, written without a server and without its provider (everything here is text or <see cref="DbException.SqlState"/>):
/// to be checked against a real PostgreSQL by the store that opens one. Assumes the schema keeps SQLite's column names and
/// integer flags, and gives <c>memory_search</c> a <c>search_vector tsvector</c> column computed from <c>body</c> and <c>tags</c>
/// (their words stemmed by the <c>memory_english</c> configuration of PostgreSQL script 2).
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The query's words stemmed as the documents' are (<c>memory_english</c>, accents off: PostgreSQL script 2).</summary>
    private const string Query = "websearch_to_tsquery('memory_english', memory_unaccent(@match))";

    private static readonly FullTextSearch TsVector = new(
        $"memory_search.search_vector @@ {Query}",
        // ts_rank grows with relevance; negated, lower is better as with bm25.
        $"-CAST(ts_rank(memory_search.search_vector, {Query}) AS double precision)",
        // ts_headline reads <address>, <n>... (the patterns' placeholders) as HTML tags and drops them: their '<' goes in as
        // a control character (a word break, as for FTS5) and comes back after.
        $"replace(ts_headline('memory_english', replace(memory_search.body, '<', chr(1)), {Query}, "
            + "'StartSel=[, StopSel=], MaxWords=16, MinWords=4, MaxFragments=1, FragmentDelimiter=…'), chr(1), '<')",
        "memory_search.id",
        "CAST(p.id AS text) = memory_search.ref");

    public override string Name => "postgres";

    /// <summary>Row locks and <see cref="SkipLocked"/> do what SQLite's file lock does; a plain transaction is enough.</summary>
    public override string BeginWrite => "BEGIN";

    /// <summary>A transaction-scoped advisory lock: released by the COMMIT or ROLLBACK, so a lost connection lets it go too.</summary>
    public override string LockStart => "SELECT pg_advisory_xact_lock(@Lock)";

    /// <summary>
    /// <c>NOTIFY</c> the owner's id (<see cref="PostgresNotifications"/>): delivered at commit, dropped with a rollback. An id
    /// too long for a notification (not one of ours: a host name is at most 255 bytes) sends nothing, and its owner polls.
    /// </summary>
    public override string WakeOwner => $"""
        SELECT pg_notify('{PostgresNotifications.Channel}', owner_id) FROM executions
        WHERE id = @ExecutionId AND owner_id IS NOT NULL AND octet_length(owner_id) <= {PostgresNotifications.MaxPayload}
        """;

    /// <summary><c>NOTIFY</c> <see cref="PostgresNotifications.HandledKey"/> of the request, for the process that forwarded it.</summary>
    public override string WakeRequester => $"SELECT pg_notify('{PostgresNotifications.Channel}', '{PostgresNotifications.HandledPrefix}' || CAST(@RequestId AS bigint))";

    public override string IndexedBy(string index) => "";

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override string LikeIgnoringCase => "ILIKE";

    public override string EqualsIgnoringCase(string column, string parameter) => $"lower({column}) = lower({parameter})";

    public override string ByCodePoint(string column) => column + " COLLATE \"C\"";

    public override string SameValue(string left, string right) => $"{left} IS NOT DISTINCT FROM {right}";

    public override string EqualsLongText(string column, string parameter) => $"md5({column}) = md5({parameter}) AND {column} = {parameter}";

    public override string UpsertTarget(string table) => table + ".";

    public override string Greatest => "greatest";

    public override string Least => "least";

    public override string InsertOrReplace(string table, IReadOnlyList<(string Column, string Parameter)> columns, IReadOnlyList<string> key)
    {
        var updates = columns.Where(c => !key.Contains(c.Column, StringComparer.Ordinal)).Select(c => $"{c.Column} = excluded.{c.Column}").ToList();
        var action = updates.Count == 0 ? "DO NOTHING" : "DO UPDATE SET " + string.Join(", ", updates);
        return $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Column))}) VALUES ({string.Join(", ", columns.Select(c => c.Parameter))}) "
            + $"ON CONFLICT ({string.Join(", ", key)}) {action}";
    }

    /// <summary>
    /// The value the session drew last from <paramref name="table"/>'s identity sequence. Not <c>lastval()</c>: inside an
    /// INSERT into a table with an identity of its own, that is the new row's own id (its default is drawn first).
    /// </summary>
    public override string LastInsertIdExpression(string table) => $"currval(pg_get_serial_sequence('{table}', 'id'))";

    public override long LastInsertId(DbConnection connection) =>
        Convert.ToInt64(connection.ScalarSql("SELECT lastval()"), CultureInfo.InvariantCulture);

    /// <summary>PostgreSQL answers a ROLLBACK outside a transaction with a warning, not an error.</summary>
    public override void RollbackIfOpen(DbConnection connection) => connection.RunSql("ROLLBACK");

    public override string JsonArrayAggregate(string element) => $"coalesce(json_agg({element}), '[]'::json)";

    public override string JsonArray(string items) => $"json_build_array({items})";

    public override string AsInteger(string condition) => $"({condition})::int";

    public override string JsonArrayElements(string parameter) => $"json_array_elements(CAST({parameter} AS json)) AS elements(value)";

    public override string JsonIntegerAt(int index) => string.Create(CultureInfo.InvariantCulture, $"(value ->> {index})::bigint");

    public override string JsonTextAt(int index) => string.Create(CultureInfo.InvariantCulture, $"(value ->> {index})");

    public override FullTextSearch FullText => TsVector;

    /// <summary>By SQLSTATE (class 23 integrity, 22 data, 08 connection, 53 resources, 40 and 55P03 lock waits).</summary>
    public override StoreFailure Classify(DbException exception) => exception.SqlState switch
    {
        null => StoreFailure.Other,
        var state when state.StartsWith("23", StringComparison.Ordinal) || state.StartsWith("22", StringComparison.Ordinal) => StoreFailure.Data,
        "40001" or "40P01" or "55P03" or "57014" => StoreFailure.Busy,
        var state when state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" => StoreFailure.ConnectionLost,
        var state when state.StartsWith("53", StringComparison.Ordinal) || state is "25006" or "42501" => StoreFailure.Storage,
        "XX001" or "XX002" => StoreFailure.Damaged,
        _ => StoreFailure.Other,
    };
}
