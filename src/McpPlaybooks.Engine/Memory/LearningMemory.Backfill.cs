using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Memory.Folding;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// The backfill: executions that finished before the memory existed (an upgraded database, migration 3) or while it
/// was off. It runs in the background after the engine opens: measured with the <c>memory</c> benchmark, a history of
/// 2,950 executions (25,000 attempts) written with folding off takes 0.8 to 1.1 s to fold (0.3 to 0.4 ms an execution),
/// so a large history would hold the open (and <c>serve</c>'s first answer) for seconds. The open only checks, with one
/// read, whether anything waits (a few milliseconds on a history folded live); <see cref="Backfilled"/> completes when
/// the backfill is done. Until then metrics and track records under-count the old executions only.
/// </summary>
public sealed partial class LearningMemory
{
    /// <summary>
    /// Executions folded per writer transaction: about 30 ms of the writer's time, the longest a live write waits
    /// behind the backfill.
    /// </summary>
    internal const int BackfillBatchSize = 100;

    private volatile bool closing;

    /// <summary>
    /// Completes when the backfill the engine's open started is done, with how many executions it folded; 0 when
    /// nothing waited, when the memory is off, or when the engine closed first (the next open continues). Never faults.
    /// </summary>
    public Task<int> Backfilled { get; private set; } = Task.FromResult(0);

    /// <summary>
    /// Folds every finished, non-dry-run execution that has no fold yet, oldest end first, in batches of
    /// <see cref="BackfillBatchSize"/>, each its own writer transaction, through the same fold as a live final write
    /// (which it takes turns with on the one writer, so an execution is never folded twice). Idempotent: a folded
    /// execution has its watermark row and is never read again, so a process that dies midway continues at the next
    /// open; an execution whose fold fails is logged and tried again at the next call. Returns how many it folded.
    /// </summary>
    public async Task<int> BackfillAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return 0;
        }

        var started = time.GetTimestamp();
        var (at, id, folded) = (long.MinValue, "", 0);
        while (!closing)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (afterAt, afterId) = (at, id);
            var batch = await history.FoldOnWriterAsync(
                "memory_backfill",
                (connection, folder) => MemoryBackfill.FoldBatch(connection, history.Dialect, folder, afterAt, afterId, BackfillBatchSize, time.GetUtcNow(), logger)).ConfigureAwait(false);
            folded += batch.Folded;
            if (batch.Read < BackfillBatchSize)
            {
                break;
            }

            (at, id) = (batch.LastEndedAt, batch.LastId);
        }

        if (folded > 0)
        {
            LogBackfilled(logger, folded, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }

        return folded;
    }

    /// <summary>
    /// Starts <see cref="BackfillAsync"/> in the background when the memory is on. Whether an execution waits for it is read
    /// there too: opening the engine (a server's start) waits for no read of the history.
    /// </summary>
    internal void StartBackfill()
    {
        if (IsEnabled)
        {
            Backfilled = Task.Run(BackfillInBackgroundAsync, CancellationToken.None);
        }
    }

    /// <summary>Stops the backfill after its current batch and waits for it (before the history closes).</summary>
    internal async ValueTask StopBackfillAsync()
    {
        closing = true;
        await Backfilled.ConfigureAwait(false);
    }

    private async Task<int> BackfillInBackgroundAsync()
    {
        try
        {
            await using (var connection = await history.OpenReaderAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (!await MemoryBackfill.AnyAsync(connection, history.Dialect, CancellationToken.None).ConfigureAwait(false))
                {
                    return 0;
                }
            }

            return await BackfillAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HistoryWriteException or ObjectDisposedException or System.Data.Common.DbException)
        {
            LogBackfillFailed(logger, exception.Message);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The learning memory folded {Executions} executions that finished before it, in {Milliseconds} ms")]
    private static partial void LogBackfilled(ILogger logger, int executions, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The learning memory's backfill stopped: {Reason}; the next open continues it")]
    private static partial void LogBackfillFailed(ILogger logger, string reason);
}
