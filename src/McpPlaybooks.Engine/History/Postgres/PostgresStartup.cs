using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// Which failures to open a PostgreSQL history are worth waiting out at start-up (a database started beside the server, by
/// compose or systemd): the server cannot be reached, is starting up, or has no connection slot free. Wrong credentials, a
/// missing database, a missing grant or a newer schema are not: they do not mend themselves.
/// </summary>
internal static class PostgresStartup
{
    public static bool WorthWaiting(HistoryWriteException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.InnerException switch
        {
            PostgresException postgres => postgres.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
            NpgsqlException npgsql => npgsql.IsTransient,
            System.Net.Sockets.SocketException or TimeoutException or IOException => true,
            _ => false,
        };
    }
}
