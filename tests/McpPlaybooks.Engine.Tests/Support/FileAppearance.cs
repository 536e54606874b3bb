namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// Waits for a file that a child process writes (a pid, a mark) to hold a whole line, through a
/// <see cref="FileSystemWatcher"/> rather than a sleep: the first line without its newline.
/// </summary>
internal static class FileAppearance
{
    public static async Task<string> WaitForLineAsync(string path, TimeSpan timeout)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        watcher.Created += (_, _) => changed.TrySetResult();
        watcher.Changed += (_, _) => changed.TrySetResult();
        watcher.EnableRaisingEvents = true;
        using var bound = new CancellationTokenSource(timeout);
        while (true)
        {
            var seen = changed.Task;
            if (FirstLine(path) is { } line)
            {
                return line;
            }

            try
            {
                await seen.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{path} got no whole line within {timeout}");
            }

            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static string? FirstLine(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            return end < 0 ? null : text[..end];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
