using System.Data;
using System.Data.Common;
using System.Globalization;
using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// The writer's way back to PostgreSQL. A connection is lost when Npgsql has broken or closed it (a terminated backend, a
/// restart, a network failure); a constraint violation, a lock timeout or a fence refusal leave it open. Each transaction
/// begins together with <c>pg_current_xact_id()</c>, in the same round trip, so that a transaction cut off while committing
/// can be looked up with <c>pg_xact_status</c> on the new connection.
/// </summary>
internal sealed class PostgresReconnection(NpgsqlDataSource dataSource, HistoryLocation location) : WriterReconnection
{
    private const string Begin = "BEGIN; SELECT pg_current_xact_id()::text";

    private const string Status = "SELECT pg_xact_status(CAST(@Xid AS xid8))";

    /// <summary>Ends the process only if it still holds that very transaction (a process id may be reused).</summary>
    private const string EndLingering =
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = @Pid AND backend_xid = CAST(CAST(@Xid AS xid8) AS xid)";

    public override bool IsLost(DbConnection connection) =>
        connection is not NpgsqlConnection npgsql
        || (npgsql.FullState & ConnectionState.Broken) != 0
        || (npgsql.FullState & ConnectionState.Open) == 0;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // The pool's idle connections went where the writer's did (a restart): open new ones.
        dataSource.Clear();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override int ProcessId(DbConnection connection) => ((NpgsqlConnection)connection).ProcessID;

    public override string BeginTracked(DbConnection connection) =>
        Convert.ToString(connection.ScalarSql(Begin), CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException("PostgreSQL gave no transaction id");

    public override async Task<CommitOutcome> OutcomeAsync(DbConnection connection, string transactionId, int processId, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using var status = new NpgsqlCommand(Status, npgsql);
        status.Parameters.AddWithValue("Xid", transactionId);
        switch (await status.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string)
        {
            case "committed":
                return CommitOutcome.Committed;
            case "aborted":
                return CommitOutcome.RolledBack;
            case "in progress":
                // Its process has not noticed the lost connection yet (a network cut): end it, so that it rolls back and frees its locks.
                await using (var end = new NpgsqlCommand(EndLingering, npgsql))
                {
                    end.Parameters.AddWithValue("Pid", processId);
                    end.Parameters.AddWithValue("Xid", transactionId);
                    await end.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return CommitOutcome.InProgress;
            default:
                return CommitOutcome.Unknown;
        }
    }

    public override string Cause(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = exception is PostgresException postgres ? $"{postgres.MessageText}; SQLSTATE {postgres.SqlState}" : exception.Message;
        if (exception is not PostgresException && exception.InnerException is { } inner)
        {
            text += ": " + inner.Message;
        }

        return location.Mask(text).TrimEnd('.');
    }
}
