using System.Net.Sockets;
using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Turns PostgreSQL's failures into one sentence each: which database (masked), what failed and what to do.</summary>
internal static class PostgresErrors
{
    public static HistoryWriteException From(Exception exception, HistoryLocation location, string what)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (exception is HistoryWriteException already)
        {
            return already;
        }

        var where = location.Display;
        var cause = location.Mask(exception is PostgresException postgresError ? postgresError.MessageText : exception.Message).TrimEnd('.');
        var message = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"PostgreSQL refused the credentials for the history database '{where}': {what} failed ({cause}). "
                    + "Check the user name and the password (in the connection string, password_file, MCPPLAYBOOKS_DATABASE_PASSWORD_FILE, PGPASSWORD or the pass file).",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"The PostgreSQL database named in '{where}' does not exist: {what} failed ({cause}). Create it (createdb) or fix 'Database' in the connection string.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } =>
                $"The role connecting to the history database '{where}' lacks a privilege: {what} failed ({cause}). "
                    + "Grant CONNECT on the database, CREATE on the schema (the first time, to make the tables), then SELECT, INSERT, UPDATE and DELETE on its tables.",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow } =>
                $"The PostgreSQL server of the history database '{where}' does not accept connections now: {what} failed ({cause}). Retry once it does.",
            PostgresException postgres =>
                $"The history database '{where}' refused a write: {what} failed ({cause}; SQLSTATE {postgres.SqlState}).",
            NpgsqlException { InnerException: SocketException or TimeoutException } or NpgsqlException { IsTransient: true } or SocketException or TimeoutException =>
                $"The PostgreSQL server of the history database '{where}' cannot be reached: {what} failed ({cause}). "
                    + "Check that it runs, and the host, the port and any firewall between.",
            _ => $"The history database '{where}' failed: {what} failed ({cause}).",
        };
        return new HistoryWriteException(message, where, null, exception);
    }
}
