using System.Data.Common;

namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>
/// What differs between the stores in the statements the history issues, and how their errors are classified. The
/// statements are written once, with these members in the places that differ, and built once per dialect (for example
/// <see cref="LeaseStatements.For"/>): SQLite's text is exactly what it was before there were two dialects, so its query-plan
/// tests and its per-connection statement caches keep working. Everything else (ADO.NET base types, <c>@Name</c> parameters,
/// <c>ON CONFLICT</c> upserts, <c>RETURNING</c>, savepoints, row values) is common to both.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The embedded default: one file, Microsoft.Data.Sqlite.</summary>
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    /// <summary>The shared store: PostgreSQL through a provider the store is opened with (its SQL needs no server to build).</summary>
    public static SqlDialect Postgres { get; } = new PostgresDialect();

    /// <summary>A name for messages and logs: <c>sqlite</c>, <c>postgres</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Starts the writer's transaction, taking the write lock at once where the store has one (<c>BEGIN IMMEDIATE</c>).</summary>
    public abstract string BeginWrite { get; }

    /// <summary>Commits the writer's transaction.</summary>
    public virtual string CommitWrite => "COMMIT";

    /// <summary>The text after a table name that pins a query to <paramref name="index"/>, with its leading space; empty where the planner takes no hint.</summary>
    public abstract string IndexedBy(string index);

    /// <summary>The text after a claim's inner SELECT that skips rows another transaction holds, with its leading space; empty where the write lock serialises claims.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>The operator of a case-insensitive pattern match (ASCII at least), used with <c>ESCAPE '\'</c>.</summary>
    public abstract string LikeIgnoringCase { get; }

    /// <summary>A condition: <paramref name="column"/> equals <paramref name="parameter"/> ignoring (ASCII) case.</summary>
    public abstract string EqualsIgnoringCase(string column, string parameter);

    /// <summary>A condition: <paramref name="left"/> equals <paramref name="right"/>, two nulls being equal.</summary>
    public abstract string SameValue(string left, string right);

    /// <summary>
    /// An equality on a long text column that an index serves: SQLite indexes the text itself; PostgreSQL indexes
    /// <c>md5(column)</c> (a B-tree entry cannot hold a long text), so the condition names the hash, then the text.
    /// </summary>
    public abstract string EqualsLongText(string column, string parameter);

    /// <summary>
    /// <paramref name="column"/> as an ORDER BY term that sorts text by code point, as SQLite's default BINARY collation
    /// does: a PostgreSQL database's collation may be a language's (en_US sorts <c>deploy-web</c> after <c>deployer</c>).
    /// </summary>
    public abstract string ByCodePoint(string column);

    /// <summary>The literal of a flag column (stored as an integer 0 or 1 by both stores: the rows bind <c>long</c>).</summary>
    public virtual string Flag(bool value) => value ? "1" : "0";

    /// <summary>
    /// The qualifier of the existing row's columns in an upsert's <c>DO UPDATE SET</c> (<c>count = {UpsertTarget}count + excluded.count</c>):
    /// empty on SQLite, the table and a dot where an unqualified name would be ambiguous with <c>excluded</c>.
    /// </summary>
    public abstract string UpsertTarget(string table);

    /// <summary>The function giving the larger of two values (null when either is null on SQLite; callers wrap it in <c>coalesce</c>).</summary>
    public abstract string Greatest { get; }

    /// <summary>The function giving the smaller of two values.</summary>
    public abstract string Least { get; }

    /// <summary>Inserts or replaces the row with the same key: <paramref name="columns"/> are (column, parameter) pairs, <paramref name="key"/> the key's columns.</summary>
    public abstract string InsertOrReplace(string table, IReadOnlyList<(string Column, string Parameter)> columns, IReadOnlyList<string> key);

    /// <summary>
    /// An SQL expression for the id of the row the connection last inserted into <paramref name="table"/> (an integer <c>id</c>),
    /// usable inside the next INSERT, into another table, on the same connection.
    /// </summary>
    public abstract string LastInsertIdExpression(string table);

    /// <summary>The id of the row the writer's connection inserted last (right after the insert, in its transaction).</summary>
    public abstract long LastInsertId(DbConnection connection);

    /// <summary>Rolls back the connection's transaction when one is open (after a failure, before the next <see cref="BeginWrite"/>).</summary>
    public abstract void RollbackIfOpen(DbConnection connection);

    /// <summary>
    /// Run in the transaction that queues a control request (parameter <c>@ExecutionId</c>) to wake the execution's owner once it
    /// commits; null where owners only poll (SQLite).
    /// </summary>
    public virtual string? WakeOwner => null;

    /// <summary>
    /// Run in the transaction that records a control request's outcome (parameter <c>@RequestId</c>) to wake the process waiting
    /// for it once it commits; null where callers only poll (SQLite).
    /// </summary>
    public virtual string? WakeRequester => null;

    /// <summary>
    /// Takes a lock named by the number <c>@Lock</c> until the writer's transaction ends, serialising the starts that could
    /// break each other's <see cref="Starts.StartClaim"/> across processes; null where the transaction's write lock
    /// (<c>BEGIN IMMEDIATE</c>) serialises every writer already (SQLite).
    /// </summary>
    public virtual string? LockStart => null;

    /// <summary>Run on the writer's connection when the store closes (SQLite refreshes its planner's statistics); null for nothing.</summary>
    public virtual string? OnWriterClosing => null;

    /// <summary>An aggregate building a JSON array of the values of <paramref name="element"/>, one per row.</summary>
    public abstract string JsonArrayAggregate(string element);

    /// <summary>A JSON array of the comma-separated expressions <paramref name="items"/>.</summary>
    public abstract string JsonArray(string items);

    /// <summary><paramref name="condition"/> as an integer 0 or 1 (SQLite's conditions are integers already).</summary>
    public abstract string AsInteger(string condition);

    /// <summary>A table-valued source of the elements of the JSON array in <paramref name="parameter"/>, one row per element, the element in a column named <c>value</c>.</summary>
    public abstract string JsonArrayElements(string parameter);

    /// <summary>The integer at <paramref name="index"/> of the JSON array <c>value</c> of <see cref="JsonArrayElements"/>.</summary>
    public abstract string JsonIntegerAt(int index);

    /// <summary>The text at <paramref name="index"/> of the JSON array <c>value</c> of <see cref="JsonArrayElements"/>.</summary>
    public abstract string JsonTextAt(int index);

    /// <summary>The learning memory's full-text search (<c>memory_search</c>): match, rank and snippet.</summary>
    public abstract FullTextSearch FullText { get; }

    /// <summary>What kind of failure <paramref name="exception"/> is; <see cref="StoreFailure.Other"/> when this dialect does not know it.</summary>
    public abstract StoreFailure Classify(DbException exception);

    public override string ToString() => Name;
}
