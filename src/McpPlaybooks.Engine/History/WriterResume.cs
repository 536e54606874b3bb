namespace McpPlaybooks.Engine.History;

/// <summary>Ends a <see cref="HistoryWriter.Pause"/>: the writer commits what queued meanwhile, on the disposing thread.</summary>
internal sealed class WriterResume(Action resume) : IDisposable
{
    private int _done;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            resume();
        }
    }
}
