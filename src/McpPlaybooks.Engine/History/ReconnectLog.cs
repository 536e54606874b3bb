using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.History;

/// <summary>The lines about a lost connection: one when it is lost, one when it is back (or given up on); one when a database is waited for at start-up.</summary>
internal static partial class ReconnectLog
{
    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Lost the connection to the history database {Path} ({Reason}); retrying, writes wait up to {WaitSeconds} s")]
    public static partial void Lost(ILogger logger, string path, string reason, long waitSeconds);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Reconnected to the history database {Path} after {Attempts} attempts, {Seconds:0.0} s; {Waiting} waiting writes go on")]
    public static partial void Reconnected(ILogger logger, string path, int attempts, double seconds, int waiting);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Could not reconnect to the history database {Path} in {Seconds:0.0} s ({Attempts} attempts; {Reason}): {Failed} waiting writes failed; each later write tries once more")]
    public static partial void GaveUp(ILogger logger, string path, double seconds, int attempts, string reason, int failed);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "A commit to the history database {Path} was cut off; the database says transaction {TransactionId} {Outcome}")]
    public static partial void InDoubt(ILogger logger, string path, string transactionId, string outcome);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "The history database {Path} cannot be opened yet; retrying for up to {WaitSeconds} s: {Reason}")]
    public static partial void WaitingAtStart(ILogger logger, string path, long waitSeconds, string reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "The history database {Path} is still unreachable ({Reason}): {Failed} writes failed")]
    public static partial void StillLost(ILogger logger, string path, string reason, int failed);
}
