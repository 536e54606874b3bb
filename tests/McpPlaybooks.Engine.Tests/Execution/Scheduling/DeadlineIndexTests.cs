using System.Threading.Channels;
using McpPlaybooks.Engine.Execution.Scheduling;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Engine.Tests.Execution.Scheduling;

public sealed class DeadlineIndexTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly ManualTimeProvider _time = new();
    private readonly Channel<string> _fired = Channel.CreateUnbounded<string>();

    private DateTimeOffset Start => ManualTimeProvider.DefaultStart;

    [Fact]
    public async Task Set_SeveralKeys_FireInDueOrder()
    {
        using var index = Create();
        index.Set("a", Start + (3 * Minute));
        index.Set("b", Start + Minute);
        index.Set("c", Start + (2 * Minute));

        Assert.Equal(3, index.Count);
        Assert.Equal(Start + Minute, index.Earliest);
        Assert.Equal(1, _time.ActiveTimerCount);
        _time.Advance(5 * Minute);

        Assert.Equal(["b", "c", "a"], await ReadAsync(3));
        Assert.Equal(0, index.Count);
        Assert.Null(index.Earliest);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task Advance_PartWay_FiresOnlyWhatIsDueAndArmsForTheNext()
    {
        using var index = Create();
        index.Set("late", Start + (2 * Minute));
        index.Set("early", Start + Minute);

        _time.Advance(Minute);

        Assert.Equal(["early"], await ReadAsync(1));
        Assert.False(_fired.Reader.TryRead(out _));
        Assert.Equal(1, index.Count);
        Assert.Equal(Start + (2 * Minute), index.Earliest);
        Assert.Equal(1, _time.ActiveTimerCount);
        _time.Advance(Minute);
        Assert.Equal(["late"], await ReadAsync(1));
    }

    [Fact]
    public async Task Set_ExistingKeyLater_ReplacesItsDueTime()
    {
        using var index = Create();
        index.Set("a", Start + Minute);
        index.Set("a", Start + (3 * Minute));

        _time.Advance(2 * Minute);
        Assert.False(_fired.Reader.TryRead(out _));
        Assert.Equal(1, index.Count);
        _time.Advance(Minute);

        Assert.Equal(["a"], await ReadAsync(1));
        await AssertNothingElseFiredAsync(index);
    }

    [Fact]
    public async Task Set_ExistingKeyEarlier_RearmsTheTimer()
    {
        using var index = Create();
        index.Set("a", Start + (10 * Minute));
        index.Set("a", Start + Minute);

        Assert.Equal(Start + Minute, index.Earliest);
        _time.Advance(Minute);

        Assert.Equal(["a"], await ReadAsync(1));
        await AssertNothingElseFiredAsync(index);
    }

    [Fact]
    public async Task Remove_Key_NeverFires()
    {
        using var index = Create();
        index.Set("a", Start + Minute);
        index.Set("b", Start + (2 * Minute));

        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        Assert.False(index.Remove("never-set"));
        Assert.Equal(Start + (2 * Minute), index.Earliest);
        _time.Advance(5 * Minute);

        Assert.Equal(["b"], await ReadAsync(1));
        await AssertNothingElseFiredAsync(index);
    }

    [Fact]
    public void Remove_LastKey_DisarmsTheTimer()
    {
        using var index = Create();
        index.Set("a", Start + Minute);

        Assert.True(index.Remove("a"));

        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.Null(index.Earliest);
    }

    [Fact]
    public async Task Set_AlreadyDue_FiresAtOnce()
    {
        using var index = Create();

        index.Set("overdue", Start - Minute);

        Assert.Equal(["overdue"], await ReadAsync(1));
    }

    [Fact]
    public async Task Handler_Throws_IsLoggedAndTheOtherKeysStillFire()
    {
        var logger = new RecordingLogger();
        using var index = new DeadlineIndex(
            _time,
            key => key switch
            {
                "sync" => throw new InvalidOperationException("boom now"),
                "async" => Task.FromException(new InvalidOperationException("boom later")),
                _ => Fire(key),
            },
            logger);
        index.Set("sync", Start + Minute);
        index.Set("async", Start + (2 * Minute));
        index.Set("fine", Start + (3 * Minute));

        _time.Advance(5 * Minute);

        Assert.Equal(["fine"], await ReadAsync(1));
        Assert.Equal(2, logger.Errors.Count);
        Assert.Contains(logger.Errors, e => e.Message.Contains("sync", StringComparison.Ordinal) && e.Exception?.Message == "boom now");
        Assert.Contains(logger.Errors, e => e.Message.Contains("async", StringComparison.Ordinal) && e.Exception?.Message == "boom later");
        index.Set("after", Start + (6 * Minute));
        _time.Advance(Minute);
        Assert.Equal(["after"], await ReadAsync(1));
    }

    [Fact]
    public async Task Handler_SetsKeys_TheyFireInTurn()
    {
        DeadlineIndex? index = null;
        using var created = new DeadlineIndex(
            _time,
            key =>
            {
                if (key == "first")
                {
                    index!.Set("now", _time.GetUtcNow());
                    index.Set("next", _time.GetUtcNow() + Minute);
                }

                return Fire(key);
            },
            NullLogger.Instance);
        index = created;
        index.Set("first", Start + Minute);

        _time.Advance(Minute);

        Assert.Equal(["first", "now"], await ReadAsync(2));
        Assert.Equal(Start + (2 * Minute), index.Earliest);
        _time.Advance(Minute);
        Assert.Equal(["next"], await ReadAsync(1));
    }

    [Fact]
    public async Task Set_TenThousandKeys_UsesOneTimerAndFiresEachOnceInOrder()
    {
        const int Keys = 10_000;
        var fired = new List<(string Key, DateTimeOffset At)>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var index = new DeadlineIndex(
            _time,
            key =>
            {
                lock (fired)
                {
                    fired.Add((key, _time.GetUtcNow()));
                    if (fired.Count == Keys)
                    {
                        all.SetResult();
                    }
                }

                return Task.CompletedTask;
            },
            NullLogger.Instance);
        var due = new Dictionary<string, DateTimeOffset>();
        foreach (var i in Enumerable.Range(0, Keys).OrderBy(i => (i * 7919) % Keys))
        {
            // 100 distinct due times: many keys fall due together.
            due[$"k{i}"] = Start + TimeSpan.FromSeconds(1 + (i % 100));
            index.Set($"k{i}", due[$"k{i}"]);
        }

        Assert.Equal(Keys, index.Count);
        Assert.Equal(1, _time.ActiveTimerCount);
        Assert.Equal(Start + TimeSpan.FromSeconds(1), index.Earliest);
        _time.Advance(TimeSpan.FromSeconds(200));
        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Keys, fired.Select(f => f.Key).Distinct().Count());
        Assert.All(fired, f => Assert.True(f.At >= due[f.Key], $"{f.Key} fired at {f.At} before its due {due[f.Key]}"));
        Assert.Equal(fired.OrderBy(f => due[f.Key]).Select(f => f.Key), fired.Select(f => f.Key));
        Assert.Equal(0, index.Count);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task Set_SameKeyManyTimes_KeepsOnlyTheLast()
    {
        using var index = Create();
        for (var i = 0; i < 1000; i++)
        {
            index.Set("a", Start + TimeSpan.FromSeconds(1000 - i));
        }

        Assert.Equal(1, index.Count);
        Assert.Equal(Start + TimeSpan.FromSeconds(1), index.Earliest);
        _time.Advance(TimeSpan.FromSeconds(2000));
        Assert.Equal(["a"], await ReadAsync(1));
        await AssertNothingElseFiredAsync(index);
    }

    [Fact]
    public async Task Set_DeadlineBeyondTheLongestArm_FiresOnTime()
    {
        using var index = Create();
        index.Set("far", Start + TimeSpan.FromDays(3));

        _time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromTicks(1));
        Assert.False(_fired.Reader.TryRead(out _));
        Assert.Equal(1, _time.ActiveTimerCount);
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(["far"], await ReadAsync(1));
    }

    [Fact]
    public async Task Set_FromManyThreads_KeepsEveryKey()
    {
        using var index = Create();
        using var ready = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            ready.SignalAndWait();
            for (var i = 0; i < 500; i++)
            {
                index.Set($"t{t}-{i}", Start + TimeSpan.FromSeconds(1 + ((i * 31) % 97)));
                if (i % 5 == 0)
                {
                    index.Remove($"t{t}-{i}");
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(4 * 400, index.Count);
        Assert.Equal(1, _time.ActiveTimerCount);
        _time.Advance(TimeSpan.FromMinutes(5));
        var keys = await ReadAsync(4 * 400);
        Assert.Equal(4 * 400, keys.Distinct().Count());
        Assert.DoesNotContain(keys, k => int.Parse(k.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) % 5 == 0);
    }

    [Fact]
    public void Dispose_StopsTheTimer()
    {
        var index = Create();
        index.Set("a", Start + Minute);

        index.Dispose();
        _time.Advance(5 * Minute);

        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.False(_fired.Reader.TryRead(out _));
    }

    private DeadlineIndex Create() => new(_time, Fire, NullLogger.Instance);

    private Task Fire(string key) => _fired.Writer.WriteAsync(key).AsTask();

    private async Task<string[]> ReadAsync(int count)
    {
        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = await _fired.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        return keys;
    }

    /// <summary>Handlers run in due order, so a later sentinel key comes out next only if nothing else was queued before it.</summary>
    private async Task AssertNothingElseFiredAsync(DeadlineIndex index)
    {
        index.Set("sentinel", _time.GetUtcNow() + TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(["sentinel"], await ReadAsync(1));
    }
}
