using System.Collections.Concurrent;
using System.Threading.Channels;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The one live feed of the dashboard: it observes every execution of the engine, and after each change reads that
/// execution's row once and hands the same <see cref="ExecutionSummary"/> to every subscriber (the SSE streams). Changes
/// that arrive together are read once per execution. A subscriber that falls more than
/// <see cref="SubscriberCapacity"/> rows behind is ended, so that its page reconnects and reloads instead of missing rows.
/// Sees the executions of this process (those another process runs on the same history show on the next load).
/// </summary>
internal sealed partial class ExecutionFeed(PlaybookEngine engine, ILogger<ExecutionFeed> logger) : IExecutionObserver, IHostedService, IAsyncDisposable
{
    public const int SubscriberCapacity = 1000;

    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Channel<ExecutionSummary>, byte> _subscribers = new();
    private IDisposable? _observation;
    private Task _pump = Task.CompletedTask;

    /// <summary>How many pages are listening.</summary>
    public int Subscribers => _subscribers.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _observation = engine.Observe(null, this);
        _pump = Task.Run(PumpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        _observation?.Dispose();
        _changed.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        foreach (var subscriber in _subscribers.Keys)
        {
            Drop(subscriber);
        }
    }

    /// <summary>A reader of every change from now on; dispose the subscription to leave.</summary>
    public FeedSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<ExecutionSummary>(new BoundedChannelOptions(SubscriberCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _subscribers[channel] = 0;
        return new FeedSubscription(channel.Reader, () => Drop(channel));
    }

    public void ExecutionChanged(ExecutionState state) => _changed.Writer.TryWrite(state.ExecutionId);

    /// <summary>A step's change is the execution's too: its page redraws the graph (the list's row is sent again, unchanged or not).</summary>
    public void StepChanged(string executionId, StepState step) => _changed.Writer.TryWrite(executionId);

    private async Task PumpAsync()
    {
        var batch = new HashSet<string>(StringComparer.Ordinal);
        while (await _changed.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_changed.Reader.TryRead(out var id))
            {
                batch.Add(id);
            }

            foreach (var id in batch)
            {
                await PublishAsync(id).ConfigureAwait(false);
            }

            batch.Clear();
        }
    }

    private async Task PublishAsync(string executionId)
    {
        try
        {
            if (await engine.History.GetExecutionAsync(executionId, CancellationToken.None).ConfigureAwait(false) is not { } record)
            {
                return;
            }

            var summary = ExecutionSummary.From(record);
            foreach (var subscriber in _subscribers.Keys)
            {
                if (!subscriber.Writer.TryWrite(summary))
                {
                    LogLagging(logger, SubscriberCapacity);
                    Drop(subscriber);
                }
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ObjectDisposedException or InvalidOperationException)
        {
            LogReadFailed(logger, executionId, e);
        }
    }

    private void Drop(Channel<ExecutionSummary> subscriber)
    {
        _subscribers.TryRemove(subscriber, out _);
        subscriber.Writer.TryComplete();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A dashboard page fell {Count} changes behind; its stream is ended so that it reloads")]
    private static partial void LogLagging(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard feed could not read execution {ExecutionId}")]
    private static partial void LogReadFailed(ILogger logger, string executionId, Exception exception);
}
