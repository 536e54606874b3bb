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
    public async Task ExecuteAsync_UnhealthyFailuresReachTheThreshold_OpensAndFailsFastWithoutCallingTheAction()
    {
        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Network));
            Assert.Equal(ErrorCategory.Network, error.Category);
        }

        _clock.Advance(TimeSpan.FromSeconds(2));
        var fastFail = await Assert.ThrowsAsync<ActionFailedException>(() => SucceedAsync(Target));

        Assert.Equal(3, _calls);
        Assert.Equal(ErrorCategory.Dependency, fastFail.Category);
        Assert.Equal(Target, fastFail.Target);
        Assert.Equal(
            "circuit breaker for 'http://127.0.0.1:5000' is open after 3 failures in the last 2m; calls fail fast until 2026-01-01T00:00:30Z (in 28s)",
            fastFail.Message);
        Assert.Equal(ErrorCategory.Dependency, ErrorCategorizer.Categorize(fastFail, []));
    }

    [Fact]
    public async Task ExecuteAsync_BelowTheThreshold_StaysClosed()
    {
        await SucceedAsync(Target);
        await SucceedAsync(Target);
        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Timeout));
        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Timeout));

        Assert.Equal(5, await SucceedAsync(Target));
        Assert.Equal("closed", Assert.Single(_registry.Snapshot()).State);
    }

    [Fact]
    public async Task ExecuteAsync_AfterTheBreakDuration_ATrialSuccessClosesIt()
    {
        await OpenAsync(Target);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("half_open", Assert.Single(_registry.Snapshot()).State);
        Assert.Equal(4, await SucceedAsync(Target));
        Assert.Equal(5, await SucceedAsync(Target));

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

        Assert.Equal(4, _calls);
        Assert.Contains("until 2026-01-01T00:01:00Z (in 30s)", fastFail.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCategory.Authentication)]
    [InlineData(ErrorCategory.Authorization)]
    [InlineData(ErrorCategory.Validation)]
    [InlineData(ErrorCategory.Configuration)]
    [InlineData(ErrorCategory.Permanent)]
    [InlineData(ErrorCategory.Unknown)]
    public async Task ExecuteAsync_FailuresThatBlameTheCaller_NeverOpenIt(ErrorCategory category)
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, category));
        }

        Assert.Equal(6, await SucceedAsync(Target));
        Assert.Equal(new BreakerSnapshot(Target, "closed", null, 0, 6), Assert.Single(_registry.Snapshot()));
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancellations_AreNotCounted()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _registry.ExecuteAsync<int>(
                Target, ct => Task.FromCanceled<int>(cancelled.Token), _ => ErrorCategory.Timeout, CancellationToken.None));
        }

        Assert.Equal(new BreakerSnapshot(Target, "closed", null, 0, 0), Assert.Single(_registry.Snapshot()));
    }

    [Fact]
    public async Task ExecuteAsync_TwoTargets_AreIndependent()
    {
        await OpenAsync(Target);

        Assert.Equal(4, await SucceedAsync(Other));
        await Assert.ThrowsAsync<ActionFailedException>(() => SucceedAsync(Target));
        Assert.Equal(4, _calls);
    }

    [Fact]
    public async Task Snapshot_SeveralTargets_ListsEachByNameWithStateAndCounts()
    {
        await OpenAsync(Target);
        await SucceedAsync(Other);

        Assert.Equal(
            [
                new BreakerSnapshot(Other, "closed", null, 0, 1),
                new BreakerSnapshot(Target, "open", ManualTimeProvider.DefaultStart.AddSeconds(30), 3, 3),
            ],
            _registry.Snapshot());
    }

    [Fact]
    public async Task Snapshot_CallsOlderThanTheSamplingWindow_AreForgotten()
    {
        await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(Target, ErrorCategory.Network));
        _clock.Advance(TimeSpan.FromMinutes(3));
        await SucceedAsync(Target);

        Assert.Equal(new BreakerSnapshot(Target, "closed", null, 0, 1), Assert.Single(_registry.Snapshot()));
    }

    [Fact]
    public async Task Constructor_SettingsBelowPollysLimits_AreClamped()
    {
        var registry = new CircuitBreakerRegistry(
            new CircuitBreakerSettings { MinimumThroughput = 1, FailureRatio = 2, SamplingDuration = TimeSpan.Zero, BreakDuration = TimeSpan.Zero },
            _clock);

        Assert.Equal(1, await registry.ExecuteAsync(Target, _ => Task.FromResult(1), _ => ErrorCategory.Unknown, CancellationToken.None));
    }

    private async Task OpenAsync(string target)
    {
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ActionFailedException>(() => FailAsync(target, ErrorCategory.Network));
        }
    }

    private Task<int> FailAsync(string target, ErrorCategory category) =>
        _registry.ExecuteAsync<int>(
            target,
            _ =>
            {
                Interlocked.Increment(ref _calls);
                return Task.FromException<int>(new ActionFailedException($"{category} failure") { Category = category });
            },
            e => ErrorCategorizer.Categorize(e, []),
            CancellationToken.None);

    private Task<int> SucceedAsync(string target) =>
        _registry.ExecuteAsync(target, _ => Task.FromResult(Interlocked.Increment(ref _calls)), e => ErrorCategorizer.Categorize(e, []), CancellationToken.None);
}
