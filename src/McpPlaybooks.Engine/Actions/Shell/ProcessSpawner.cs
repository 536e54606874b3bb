using System.Collections.Concurrent;
using System.Diagnostics;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Starts processes from one thread that lives as long as the engine's process. Linux sends a child's death signal
/// (<c>PR_SET_PDEATHSIG</c>) when the <em>thread</em> that forked it ends, and a thread-pool thread may retire while the
/// step still runs; so no step is started from one.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = StartThread();

    /// <summary>Starts <paramref name="process"/> on the spawning thread.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The process could not be started.</exception>
    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        return started.Task;
    }

    private static BlockingCollection<(Process, TaskCompletionSource)> StartThread()
    {
        var requests = new BlockingCollection<(Process, TaskCompletionSource)>();
        var thread = new Thread(() =>
        {
            foreach (var (process, started) in requests.GetConsumingEnumerable())
            {
                try
                {
                    process.Start();
                    started.SetResult();
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            }
        })
        {
            IsBackground = true,
            Name = "mcp-playbooks process spawner",
        };
        thread.Start();
        return requests;
    }
}
