using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Gives the memory of a burst of HTTP requests back to the system once the server is quiet (<see cref="IdleTrimRule"/>):
/// one aggressive, compacting collection. The collector runs only when the program allocates, so without it a server idle
/// after a load keeps the heap the load grew to (measured: 389 MB resident 60 s after 50 clients × 60 s, from 105 MB).
/// </summary>
internal sealed partial class IdleMemoryTrim(TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(IdleTrimRule.Period, time);
        var trimmedAt = GC.GetTotalAllocatedBytes();
        var last = trimmedAt;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = GC.GetTotalAllocatedBytes();
                if (IdleTrimRule.ShouldTrim(now - trimmedAt, now - last))
                {
                    var before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    LogTrimmed(logger, (now - trimmedAt) >> 20, before >> 20, Environment.WorkingSet >> 20);
                    now = GC.GetTotalAllocatedBytes();
                    trimmedAt = now;
                }

                last = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Quiet after {AllocatedMb} MB allocated: memory trimmed, resident {BeforeMb} MB → {AfterMb} MB")]
    private static partial void LogTrimmed(ILogger logger, long allocatedMb, long beforeMb, long afterMb);
}
