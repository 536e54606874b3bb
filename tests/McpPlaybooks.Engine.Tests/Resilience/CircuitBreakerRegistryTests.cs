using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Resilience;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Resilience;

public sealed class CircuitBreakerRegistryTests
{
    private const string Target = "http://127.0.0.1:5000";
    private const string Other = "/usr/bin/systemctl";

    private readonly ManualTimeProvider _clock = new();
    private readonly CircuitBreakerRegistry _registry;
    private int _calls;

    public CircuitBreakerRegistryTests() =>
        _registry = new CircuitBreakerRegistry(new CircuitBreakerSettings(), _clock);

    [Fact]
    public async Task ExecuteAsync_UnhealthyFailuresReachTheMinimumAndTheRatio_OpensAndFailsFastWithoutCallingTheAction()
    {
        for (var i = 0; i < 5; i++)
        {
            var error = await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Network));
            Assert.Equal(ErrorCategory.Network, error.Category);
        }

        _clock.Advance(TimeSpan.FromSeconds(2));
        var fastFail = await Assert.ThrowsAsync<ActionFailedException>(() => SucceedAsync(Target));

        Assert.Equal(5, _calls);
        Assert.Equal(ErrorCategory.Dependency, fastFail.Category);
        Assert.Equal(Target, fastFail.Target);
        Assert.Equal(
            "circuit breaker for 'http://127.0.0.1:5000' is open after 5 unhealthy failures in the last 2m; calls fail fast until 2026-01-01T00:00:30Z (in 28s)"
            + "; the step has no retries to wait with (retry.max_attempts is 1)",
            fastFail.Message);
        Assert.Equal(ErrorCategory.Dependency, ErrorCategorizer.Categorize(fastFail, []));
    }

    [Fact]
    public async Task ExecuteAsync_FewerCallsThanTheMinimum_StaysClosed()
    {
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Timeout));
        }

        Assert.Equal(5, await SucceedAsync(Target));
        Assert.Equal("closed", Assert.Single(_registry.Snapshot()).State);
    }

    [Fact]
    public async Task ExecuteAsync_BelowTheRatio_StaysClosed()
    {
        await SucceedAsync(Target);
        await SucceedAsync(Target);
        await SucceedAsync(Target);
        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Timeout));
        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Timeout));

        Assert.Equal(6, await SucceedAsync(Target));
        Assert.Equal("closed", Assert.Single(_registry.Snapshot()).State);
    }

    [Fact]
    public async Task ExecuteAsync_SuccessAfterFailuresOfTheSameAttempts_ForgivesThem()
    {
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Temporary, "run-1/step"));
        }

        await SucceedAsync(Target, "run-1/step");
        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Temporary, "run-2/step"));

        Assert.Equal(new BreakerSnapshot(Target, "closed", null, 1, 2), Assert.Single(_registry.Snapshot()));
    }

    [Fact]
    public async Task ExecuteAsync_AfterTheOpenDuration_ATrialSuccessClosesIt()
    {
        await OpenAsync(Target);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("half_open", Assert.Single(_registry.Snapshot()).State);
        Assert.Equal(6, await SucceedAsync(Target));
        Assert.Equal(7, await SucceedAsync(Target));

        var snapshot = Assert.Single(_registry.Snapshot());
        Assert.Equal("closed", snapshot.State);
        Assert.Null(snapshot.OpenUntil);
    }

    [Fact]
    public async Task ExecuteAsync_TrialCallFails_OpensAgainForAnotherBreak()
    {
        await OpenAsync(Target);
        _clock.Advance(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Temporary));
        var fastFail = await Assert.ThrowsAsync<ActionFailedException>(() => SucceedAsync(Target));

        Assert.Equal(6, _calls);
        Assert.Contains("until 2026-01-01T00:01:00Z (in 30s)", fastFail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CallThatMayWaitMeetsAnOpenBreaker_WaitsForTheHalfOpenMomentAndMakesTheTrial()
    {
        await OpenAsync(Target);
        var notices = new List<string>();
        var call = new BreakerCall(Target) { MayWait = true, Deadline = _clock.GetUtcNow().AddMinutes(1), OnWait = notice => { notices.Add(notice); return Task.CompletedTask; } };

        var waiting = _registry.ExecuteAsync(call, _ => Task.FromResult(Interlocked.Increment(ref _calls)), e => ErrorCategorizer.Categorize(e, []), CancellationToken.None);
        await _clock.WaitForTimerAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(5, _calls);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(6, await waiting);
        Assert.Equal("closed", Assert.Single(_registry.Snapshot()).State);
        Assert.Equal(["circuit breaker for 'http://127.0.0.1:5000' is open: waiting 30s (until 2026-01-01T00:00:30Z) to make the trial call"], notices);
    }

    [Fact]
    public async Task ExecuteAsync_HalfOpenMomentAfterTheCallsDeadline_RefusesWithoutWaiting()
    {
        await OpenAsync(Target);
        var call = new BreakerCall(Target) { MayWait = true, Deadline = _clock.GetUtcNow().AddSeconds(10) };

        var refused = await Assert.ThrowsAsync<ActionFailedException>(() => _registry.ExecuteAsync(call, _ => Task.FromResult(1), _ => ErrorCategory.Unknown, CancellationToken.None));

        Assert.EndsWith(", after this attempt's timeout: not waiting for it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _clock.ActiveTimerCount);
    }

    [Theory]
    [InlineData(ErrorCategory.Authentication)]
    [InlineData(ErrorCategory.Authorization)]
    [InlineData(ErrorCategory.Validation)]
    [InlineData(ErrorCategory.Configuration)]
    [InlineData(ErrorCategory.Permanent)]
    [InlineData(ErrorCategory.Resource)]
    [InlineData(ErrorCategory.Unknown)]
    public async Task ExecuteAsync_FailuresThatSayNothingAgainstTheTarget_NeverOpenIt(ErrorCategory category)
    {
        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, category));
        }

        Assert.Equal(7, await SucceedAsync(Target));
        Assert.Equal(new BreakerSnapshot(Target, "closed", null, 0, 7), Assert.Single(_registry.Snapshot()));
    }

    [Theory]
    [InlineData(409, 0)]
    [InlineData(429, 0)]
    [InlineData(404, 0)]
    [InlineData(503, 5)]
    public async Task ExecuteAsync_HttpStatus_CountsOnlyA5xxAgainstTheTarget(int status, int failures)
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => _registry.ExecuteAsync<int>(
                new BreakerCall(Target),
                _ => Task.FromException<int>(new ActionFailedException($"status {status}") { HttpStatus = status }),
                e => ErrorCategorizer.Categorize(e, []),
                CancellationToken.None));
        }

        Assert.Equal(failures, Assert.Single(_registry.Snapshot()).Failures);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancellations_AreNotCounted()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _registry.ExecuteAsync<int>(
                new BreakerCall(Target), ct => Task.FromCanceled<int>(cancelled.Token), _ => ErrorCategory.Timeout, CancellationToken.None));
        }

        Assert.Equal(new BreakerSnapshot(Target, "closed", null, 0, 0), Assert.Single(_registry.Snapshot()));
    }

    [Fact]
    public async Task ExecuteAsync_TwoTargets_AreIndependent()
    {
        await OpenAsync(Target);

        Assert.Equal(6, await SucceedAsync(Other));
        await Assert.ThrowsAsync<ActionFailedException>(() => SucceedAsync(Target));
        Assert.Equal(6, _calls);
    }

    [Fact]
    public async Task ExecuteAsync_BreakersDisabled_NeverRefuse()
    {
        var registry = new CircuitBreakerRegistry(new CircuitBreakerSettings { Enabled = false }, _clock);
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => registry.ExecuteAsync<int>(
                new BreakerCall(Target), _ => Task.FromException<int>(new ActionFailedException("down") { Category = ErrorCategory.Network }), _ => ErrorCategory.Network, CancellationToken.None));
        }

        Assert.Equal(1, await registry.ExecuteAsync(new BreakerCall(Target), _ => Task.FromResult(1), _ => ErrorCategory.Unknown, CancellationToken.None));
        Assert.Empty(registry.Snapshot());
    }

    [Fact]
    public async Task Snapshot_SeveralTargets_ListsEachByNameWithStateAndCounts()
    {
        await OpenAsync(Target);
        await SucceedAsync(Other);

        Assert.Equal(
            [
                new BreakerSnapshot(Other, "closed", null, 0, 1),
                new BreakerSnapshot(Target, "open", ManualTimeProvider.DefaultStart.AddSeconds(30), 5, 5),
            ],
            _registry.Snapshot());
    }

    [Fact]
    public async Task Snapshot_CallsOlderThanTheWindow_AreForgotten()
    {
        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Network));
        _clock.Advance(TimeSpan.FromMinutes(3));
        await SucceedAsync(Target);

        Assert.Equal(new BreakerSnapshot(Target, "closed", null, 0, 1), Assert.Single(_registry.Snapshot()));
    }

    private async Task OpenAsync(string target)
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(target, ErrorCategory.Network));
        }
    }

    private Task<int> FailAsync(string target, ErrorCategory category, string? sequence = null) =>
        _registry.ExecuteAsync<int>(
            new BreakerCall(target) { Sequence = sequence },
            _ =>
            {
                Interlocked.Increment(ref _calls);
                return Task.FromException<int>(new ActionFailedException($"{category} failure") { Category = category });
            },
            e => ErrorCategorizer.Categorize(e, []),
            CancellationToken.None);

    private Task<int> SucceedAsync(string target, string? sequence = null) =>
        _registry.ExecuteAsync(new BreakerCall(target) { Sequence = sequence }, _ => Task.FromResult(Interlocked.Increment(ref _calls)), e => ErrorCategorizer.Categorize(e, []), CancellationToken.None);
}
