using System.Diagnostics;
using McpPlaybooks.Engine.Actions.Shell;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

/// <summary>What <see cref="ProcessTable"/> reads of <c>/proc</c>: a step's marker, seen through every exec of its processes.</summary>
public sealed class ProcessTableTests
{
    // Runs /bin/sh again and again ($1 times), each an exec of the last, then sleeps.
    private const string Chain = """n=$1; if [ "$n" -gt 0 ]; then exec /bin/sh -c "$0" "$0" $((n - 1)); fi; exec sleep 30""";

    /// <summary>
    /// While an exec replaces a process's program, its environment reads empty for a moment. A cancel that looked just then
    /// took the process for unmarked and left it running (a <c>setsid</c> grandchild starting <c>sleep</c> outlived its step).
    /// Here a process runs 1,500 programs in a row and is looked at throughout: without the fix some looks miss it.
    /// </summary>
    [Fact]
    public void IsMarked_ProcessRunningOneProgramAfterAnother_IsMarkedThroughEveryExec()
    {
        var marker = Guid.NewGuid().ToString("n");
        var start = new ProcessStartInfo("/bin/sh", ["-c", Chain, Chain, "400"]) { UseShellExecute = false };
        start.Environment[ProcessLauncher.MarkerVariable] = marker;
        var entry = $"{ProcessLauncher.MarkerVariable}={marker}";
        using var process = Process.Start(start)!;
        var (looks, misses) = (0, 0);
        try
        {
            while (!process.HasExited && CommandOf(process.Id) != "sleep")
            {
                looks++;
                if (!ProcessTable.IsMarked(process.Id, entry) && !process.HasExited)
                {
                    misses++;
                }
            }
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
        }

        Assert.True(looks > 0, "the chain of programs ended before it was looked at");
        Assert.Equal(0, misses);
    }

    private static string? CommandOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
