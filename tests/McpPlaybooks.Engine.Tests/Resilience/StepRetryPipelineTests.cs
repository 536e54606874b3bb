using System.Collections.Concurrent;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Resilience;
using McpPlaybooks.Engine.Tests.Support;
using Polly;

namespace McpPlaybooks.Engine.Tests.Resilience;

public sealed class StepRetryPipelineTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ConcurrentQueue<RetryNotice> _notices = new();
    private readonly ConcurrentQueue<DateTimeOffset> _attempts = new();
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _guard.Dispose();

    [Fact]
    public void Create_SingleAttempt_IsTheEmptyPipeline()
    {
        Assert.Same(ResiliencePipeline.Empty, Create(Settings(maxAttempts: 1)));
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailuresThenSuccess_RetriesUntilItSucceeds()
    {
        var pipeline = Create(Settings(maxAttempts: 5));

        var result = await DriveAsync(pipeline, attempt => attempt < 3 ? new ActionFailedException("refused") { Category = ErrorCategory.Network } : null);

        Assert.Equal(3, result);
        Assert.Equal([1, 2], _notices.Select(n => n.FailedAttempt));
        Assert.All(_notices, n => Assert.Equal(ErrorCategory.Network, n.Category));
    }

    [Fact]
    public async Task ExecuteAsync_AlwaysFailing_StopsAfterMaxAttemptsWithTheLastError()
    {
        var pipeline = Create(Settings(maxAttempts: 4));

        var error = await Assert.ThrowsAsync<ActionFailedException>(
            () => DriveAsync(pipeline, attempt => new ActionFailedException($"attempt {attempt}") { HttpStatus = 503 }));

        Assert.Equal("attempt 4", error.Message);
        Assert.Equal(4, _attempts.Count);
        Assert.Equal(3, _notices.Count);
    }

    [Theory]
    [InlineData(ErrorCategory.Authentication)]
    [InlineData(ErrorCategory.Validation)]
    [InlineData(ErrorCategory.Unknown)]
    public async Task ExecuteAsync_CategoryNotInRetryOn_IsNotRetried(ErrorCategory category)
    {
        var pipeline = Create(Settings(maxAttempts: 3));

        await Assert.ThrowsAsync<ActionFailedException>(() => DriveAsync(pipeline, _ => new ActionFailedException("no") { Category = category }));

        Assert.Single(_attempts);
        Assert.Empty(_notices);
    }

    [Fact]
    public async Task ExecuteAsync_EmptyRetryOn_RetriesNothing()
    {
        var pipeline = Create(Settings(maxAttempts: 3) with { RetryOn = new HashSet<ErrorCategory>() });

        await Assert.ThrowsAsync<ActionFailedException>(() => DriveAsync(pipeline, _ => new ActionFailedException("down") { Category = ErrorCategory.Network }));

        Assert.Single(_attempts);
    }

    [Theory]
    [InlineData(BackoffKind.Fixed, 0, new[] { 2, 2, 2, 2 })]
    [InlineData(BackoffKind.Linear, 0, new[] { 2, 4, 6, 8 })]
    [InlineData(BackoffKind.Exponential, 0, new[] { 2, 4, 8, 16, 32 })]
    [InlineData(BackoffKind.Exponential, 10, new[] { 2, 4, 8, 10, 10 })]
    public async Task ExecuteAsync_Backoff_DelaysFollowIt(BackoffKind backoff, int maxDelaySeconds, int[] expectedSeconds)
    {
        var settings = Settings(maxAttempts: expectedSeconds.Length + 1) with
        {
            Backoff = backoff,
            Delay = TimeSpan.FromSeconds(2),
            MaxDelay = maxDelaySeconds == 0 ? null : TimeSpan.FromSeconds(maxDelaySeconds),
        };

        await Assert.ThrowsAsync<TimeoutException>(() => DriveAsync(Create(settings), _ => new TimeoutException()));

        var expected = expectedSeconds.Select(s => TimeSpan.FromSeconds(s)).ToArray();
        Assert.Equal(expected, _notices.Select(n => n.Delay));
        Assert.Equal(expected, Gaps());
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfter_WaitsExactlyThat()
    {
        var pipeline = Create(Settings(maxAttempts: 3));

        var result = await DriveAsync(pipeline, attempt => attempt == 1 ? new ActionFailedException("slow down") { HttpStatus = 429, RetryAfter = TimeSpan.FromSeconds(7) } : null);

        Assert.Equal(2, result);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_notices).Delay);
        Assert.Equal([TimeSpan.FromSeconds(7)], Gaps());
    }

    [Theory]
    [InlineData(30, 31, false)]
    [InlineData(30, 30, true)]
    [InlineData(0, 360, false)]
    [InlineData(0, 240, true)]
    public async Task ExecuteAsync_RetryAfterAgainstTheCap_RetriedOnlyWithinIt(int maxDelaySeconds, int retryAfterSeconds, bool retried)
    {
        var settings = Settings(maxAttempts: 2) with { MaxDelay = maxDelaySeconds == 0 ? null : TimeSpan.FromSeconds(maxDelaySeconds) };
        var error = new ActionFailedException("busy") { HttpStatus = 503, RetryAfter = TimeSpan.FromSeconds(retryAfterSeconds) };

        var thrown = await Assert.ThrowsAsync<ActionFailedException>(() => DriveAsync(Create(settings), _ => error));

        Assert.Same(error, thrown);
        Assert.Equal(retried ? 2 : 1, _attempts.Count);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledDuringTheBackoffDelay_StopsAtOnce()
    {
        var pipeline = Create(Settings(maxAttempts: 5));
        using var cancel = new CancellationTokenSource();

        var run = pipeline.ExecuteAsync(ct => Attempt(_ => new ActionFailedException("down") { Category = ErrorCategory.Network }), cancel.Token).AsTask();
        await _clock.WaitForTimerAsync(_guard.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(_attempts);
        Assert.Equal(0, _clock.ActiveTimerCount);
    }

    [Fact]
    public async Task ExecuteAsync_ActionCancelledWithoutATimeout_IsNotRetried()
    {
        var pipeline = Create(Settings(maxAttempts: 3), _ => ErrorCategory.Timeout);

        await Assert.ThrowsAsync<OperationCanceledException>(() => DriveAsync(pipeline, _ => new OperationCanceledException()));

        Assert.Single(_attempts);
    }

    [Fact]
    public async Task ExecuteAsync_CancellationThatIsReallyATimeout_IsRetried()
    {
        var pipeline = Create(Settings(maxAttempts: 2));

        var result = await DriveAsync(pipeline, attempt => attempt == 1 ? new TaskCanceledException("request timed out", new TimeoutException()) : null);

        Assert.Equal(2, result);
        Assert.Equal(ErrorCategory.Timeout, Assert.Single(_notices).Category);
    }

    private static RetrySettings Settings(int maxAttempts) =>
        RetrySettings.Default with { MaxAttempts = maxAttempts, Jitter = false };

    private ResiliencePipeline Create(RetrySettings settings, Func<Exception, ErrorCategory>? categorize = null) =>
        StepRetryPipeline.Create(settings, categorize ?? (e => ErrorCategorizer.Categorize(e, [])), _clock, notice =>
        {
            _notices.Enqueue(notice);
            return ValueTask.CompletedTask;
        });

    /// <summary>Runs the pipeline, advancing the clock by exactly each announced delay whenever it waits.</summary>
    private async Task<int> DriveAsync(ResiliencePipeline pipeline, Func<int, Exception?> failure)
    {
        var run = pipeline.ExecuteAsync(ct => Attempt(failure), _guard.Token).AsTask();
        while (!run.IsCompleted)
        {
            var waiting = _clock.WaitForTimerAsync(_guard.Token);
            if (await Task.WhenAny(waiting, run) == waiting)
            {
                await waiting;
                _clock.Advance(_notices.Last().Delay);
            }
        }

        return await run;
    }

    private ValueTask<int> Attempt(Func<int, Exception?> failure)
    {
        _attempts.Enqueue(_clock.GetUtcNow());
        var attempt = _attempts.Count;
        return failure(attempt) is { } error ? ValueTask.FromException<int>(error) : ValueTask.FromResult(attempt);
    }

    private TimeSpan[] Gaps() => [.. _attempts.Zip(_attempts.Skip(1), (earlier, later) => later - earlier)];
}
