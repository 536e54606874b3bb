using McpPlaybooks.Engine.Execution;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// The end of <c>serve</c>: waits a grace period for the executions this process drives to end or park, and says which
/// are left running; their leases lapse and the next process to open the data directory resumes them.
/// </summary>
internal static partial class ServeShutdown
{
    public static async Task DrainAsync(PlaybookEngine engine, TimeSpan grace, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var idle = engine.WaitIdleAsync(CancellationToken.None);
        if (!idle.IsCompleted)
        {
            LogWaiting(logger, grace.TotalSeconds);
            try
            {
                await idle.WaitAsync(grace, TimeProvider.System);
            }
            catch (TimeoutException)
            {
                var unfinished = await engine.History.ListUnfinishedAsync(CancellationToken.None);
                var left = unfinished
                    .Where(e => e.OwnerId == engine.OwnerId && e.Status is ExecutionStatus.Running or ExecutionStatus.Pending or ExecutionStatus.RollingBack)
                    .Select(e => $"{e.Id} ({e.PlaybookId} {e.PlaybookVersion})")
                    .ToList();
                LogLeft(logger, left.Count, string.Join(", ", left));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting up to {Seconds} s for the running executions to end or park")]
    private static partial void LogWaiting(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Count} executions still running, left to the next start (which resumes them): {Executions}")]
    private static partial void LogLeft(ILogger logger, int count, string executions);
}
