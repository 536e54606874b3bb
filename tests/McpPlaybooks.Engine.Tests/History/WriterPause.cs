using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Holds a store's writer busy until released, so writes queue up behind it. Disposing releases it.</summary>
internal sealed class WriterPause : IDisposable
{
    private readonly IDisposable pause;
    private bool released;

    public WriterPause(HistoryStore store)
    {
        pause = store.PauseWriter();
    }

    /// <summary>Releases the writer, which commits everything queued meanwhile.</summary>
    public Task ReleaseAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (!released)
        {
            released = true;
            pause.Dispose();
        }
    }
}
