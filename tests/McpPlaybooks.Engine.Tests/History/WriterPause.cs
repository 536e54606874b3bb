using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Holds a store's writer loop busy until released, so writes queue up behind it. Disposing releases it.</summary>
internal sealed class WriterPause : IDisposable
{
    private readonly ManualResetEventSlim released = new();

    public WriterPause(HistoryStore store)
    {
        Held = store.RunOnWriterAsync(_ => released.Wait());
    }

    /// <summary>Completes once the writer has been released.</summary>
    public Task Held { get; }

    public Task ReleaseAsync()
    {
        released.Set();
        return Held;
    }

    public void Dispose()
    {
        // Release before disposing the event: a failed test must not leave the writer waiting forever.
        released.Set();
        Held.GetAwaiter().GetResult();
        released.Dispose();
    }
}
