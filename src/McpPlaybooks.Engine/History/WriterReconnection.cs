using System.Data.Common;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// How the writer gets a connection back after losing it: a database server can go away (a restart, a network cut, a
/// terminated backend), a file cannot, so SQLite has none. It says when the connection is lost, opens a new one, tags each
/// transaction with an id the database can be asked about, and answers whether a transaction cut off while committing
/// took effect.
/// </summary>
internal abstract class WriterReconnection
{
    /// <summary>The default of <see cref="GiveUpAfter"/>.</summary>
    public static readonly TimeSpan DefaultGiveUpAfter = TimeSpan.FromSeconds(60);

    /// <summary>How long writes wait for a lost connection to come back before they fail.</summary>
    public TimeSpan GiveUpAfter { get; set; } = DefaultGiveUpAfter;

    /// <summary>Whether <paramref name="connection"/> can no longer be used (broken or closed): a failure on it was the connection's, not the data's.</summary>
    public abstract bool IsLost(DbConnection connection);

    /// <summary>Opens a new connection and checks that it answers; throws when it cannot.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The id of the connection's server process (to end it, should it linger with a transaction of ours).</summary>
    public abstract int ProcessId(DbConnection connection);

    /// <summary>Begins the writer's transaction and returns its id, in one round trip.</summary>
    public abstract string BeginTracked(DbConnection connection);

    /// <summary>
    /// Whether the transaction <paramref name="transactionId"/>, cut off from the connection of process <paramref name="processId"/>,
    /// committed; asked on <paramref name="connection"/>. One still in progress (its process has not noticed yet) is ended first, and
    /// answered <see cref="CommitOutcome.InProgress"/>: ask again.
    /// </summary>
    public abstract Task<CommitOutcome> OutcomeAsync(DbConnection connection, string transactionId, int processId, CancellationToken cancellationToken);

    /// <summary>The failure's text, masked, for a log line or a message.</summary>
    public abstract string Cause(Exception exception);
}
