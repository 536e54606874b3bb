using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Secrets;
using McpPlaybooks.Engine.Tests.History;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Memory.Parity;

/// <summary>One store holding <see cref="ParityHistory"/> and three notes, with its learning memory on a fixed clock.</summary>
internal sealed class ParityStore : IAsyncDisposable
{
    private ParityStore(StoreHome home, HistoryStore store, ManualTimeProvider clock, LearningMemory memory, IReadOnlyList<string> noteIds)
    {
        NoteIds = noteIds;
        Home = home;
        Store = store;
        Clock = clock;
        Memory = memory;
    }

    public StoreHome Home { get; }

    public HistoryStore Store { get; }

    public ManualTimeProvider Clock { get; }

    public LearningMemory Memory { get; }

    /// <summary>The notes' ids, in the order they were recorded (random in part, so different on each store).</summary>
    public IReadOnlyList<string> NoteIds { get; }

    /// <summary>Kept in the same order on every store; the fold runs live, or (<paramref name="live"/> false) with the memory off, then by the backfill.</summary>
    public static async Task<ParityStore> WriteAsync(StoreKind kind, bool live = true)
    {
        var home = await StoreHome.CreateAsync(kind);
        var logs = new LogEvents();
        var store = await home.OpenAsync(logs.CreateLogger("history"));
        var clock = new ManualTimeProvider(ParityHistory.T0.AddDays(32));
        var memory = new LearningMemory(store, clock, enabled: live, SecretMasker.None, logs.CreateLogger("memory"));
        foreach (var batch in ParityHistory.Batches())
        {
            await store.WriteAsync(batch);
        }

        if (!live)
        {
            memory = new LearningMemory(store, clock, enabled: true, SecretMasker.None, logs.CreateLogger("memory"));
            var folded = await memory.BackfillAsync(default);
            AssertNoFoldFailed(logs);
            Assert.Equal(ParityHistory.Executions - 5, folded);
        }

        // A fold that fails is logged and undone, never thrown: the history would hold fewer folds, silently.
        AssertNoFoldFailed(logs);

        var notes = new List<LearningNote>();
        notes.Add(await memory.RecordNoteAsync(
            "Restarting the registry fixes most push failures: connection refused means the proxy is down.", ["registry", "proxy"], "deploy-web", "exec-000", "alice", default));
        clock.Advance(TimeSpan.FromMinutes(3));
        notes.Add(await memory.RecordNoteAsync("Backups are slow on Mondays; the dump takes longer than its timeout.", ["backup"], "db-backup", null, "bob", default));
        clock.Advance(TimeSpan.FromMinutes(3));
        notes.Add(await memory.RecordNoteAsync("The café API needs a token_refresh first.", ["café", "token"], null, null, "carol", default));
        return new ParityStore(home, store, clock, memory, [.. notes.Select(n => n.Id)]);
    }

    private static void AssertNoFoldFailed(LogEvents logs)
    {
        var failures = logs.Lines.Select(l => l.Message).Where(m => m.Contains("could not fold", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} folds failed, the first: " + string.Join("\n", failures.Take(3)));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Home.DisposeAsync();
    }
}
