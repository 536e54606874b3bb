using System.Data.Common;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>The failures of opening or using the engine that a command reports as one line on stderr (exit 1), not as a crash.</summary>
internal static class EngineFailure
{
    /// <summary>The line to print for <paramref name="exception"/>, or null when it is not such a failure.</summary>
    public static string? Describe(Exception exception, string dataDirectory) => exception switch
    {
        // Their messages name the file, what failed and what to do (a full disk, a bad secrets file).
        HistoryWriteException or SecretsFileException => $"error: {exception.Message}",
        IOException or UnauthorizedAccessException or DbException => $"error: cannot use the data directory {dataDirectory}: {exception.Message}",
        _ => null,
    };
}
