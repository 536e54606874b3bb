using System.Data.Common;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Secrets;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>The failures of opening or using the engine that a command reports as one line on stderr (exit 1), not as a crash.</summary>
internal static class EngineFailure
{
    /// <summary>The line to print for <paramref name="exception"/>, or null when it is not such a failure.</summary>
    public static string? Describe(Exception exception, string dataDirectory) => exception switch
    {
        HistoryWriteException or SecretsFileException => $"error: {exception.Message}",
        IOException or UnauthorizedAccessException or DbException => $"error: cannot use the data directory {dataDirectory}: {exception.Message}",
        _ => null,
    };

    /// <summary>As <see cref="Describe(Exception, string)"/> for a command's history; never holds the database's password.</summary>
    public static string? Describe(Exception exception, HistoryTarget target)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(target);
        var line = exception is DbException && target.OwnDatabase
            ? $"error: cannot use the history database {target.Name}: {exception.Message}"
            : Describe(exception, target.DataDirectory);
        return line is null ? null : target.Location.Mask(line);
    }
}
