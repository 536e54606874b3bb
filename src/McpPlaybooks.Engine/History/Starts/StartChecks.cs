using System.Data.Common;
using System.Globalization;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History.Starts;

/// <summary>
/// The writer's side of <see cref="StartClaim"/>s, prepared once on its connection: in the transaction that records starts, it
/// first takes the locks that serialise them with other processes' (<see cref="SqlDialect.LockStart"/>: PostgreSQL's
/// transaction-scoped advisory locks, in one order; SQLite's <c>BEGIN IMMEDIATE</c> holds the file's write lock already),
/// then checks each claim against what is committed, and what the transaction wrote before it.
/// </summary>
internal sealed class StartChecks : IDisposable
{
    private readonly DbCommand? _lock;
    private readonly CachedStatement<StartClaimRow> _keyTaken;
    private readonly CachedStatement<StartClaimRow> _identicalActive;
    private readonly CachedStatement<StartClaimRow> _activeCount;
    private readonly CachedStatement<StartClaimRow> _startsInHour;

    public StartChecks(DbConnection connection, SqlDialect dialect)
    {
        if (dialect.LockStart is { } lockStart)
        {
            _lock = connection.Command(lockStart);
            _lock.AddParameter("Lock", null);
        }

        var sql = StartCheckStatements.For(dialect);
        _keyTaken = new(connection, sql.KeyTakenSql, StartClaimRow.Parameters);
        _identicalActive = new(connection, sql.IdenticalActiveSql, StartClaimRow.Parameters);
        _activeCount = new(connection, sql.ActiveCountSql, StartClaimRow.Parameters);
        _startsInHour = new(connection, sql.StartsInHourSql, StartClaimRow.Parameters);
    }

    /// <summary>Takes the locks of the claims among <paramref name="batches"/>, each once, in ascending order (so two processes never wait for each other's).</summary>
    public void Lock(List<PendingWrite> batches)
    {
        if (_lock is null)
        {
            return;
        }

        SortedSet<long>? locks = null;
        foreach (var pending in batches)
        {
            if (pending.Claim is { } claim)
            {
                (locks ??= []).UnionWith(claim.Locks());
            }
        }

        if (locks is null)
        {
            return;
        }

        foreach (var key in locks)
        {
            _lock.Parameters[0].Value = key;
            _lock.ExecuteNonQuery();
        }
    }

    /// <summary>Null while the claim holds; else what broke it, for the message (<c>idempotency_key</c>, <c>identical_run</c>, <c>max_concurrent</c>, <c>max_executions_per_hour</c>).</summary>
    public string? Broken(StartClaim claim)
    {
        var row = StartClaimRow.From(claim);
        if (claim.IdempotencyKey is not null && _keyTaken.Scalar(row) is not null)
        {
            return "idempotency_key";
        }

        if (claim.Identical is not null && _identicalActive.Scalar(row) is not null)
        {
            return "identical_run";
        }

        if (claim.MaxConcurrent is { } concurrent && Count(_activeCount, row) >= concurrent)
        {
            return "max_concurrent";
        }

        return claim.MaxPerHour is { } perHour && Count(_startsInHour, row) >= perHour ? "max_executions_per_hour" : null;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _keyTaken.Dispose();
        _identicalActive.Dispose();
        _activeCount.Dispose();
        _startsInHour.Dispose();
    }

    private static long Count(CachedStatement<StartClaimRow> statement, StartClaimRow row) =>
        Convert.ToInt64(statement.Scalar(row), CultureInfo.InvariantCulture);
}
