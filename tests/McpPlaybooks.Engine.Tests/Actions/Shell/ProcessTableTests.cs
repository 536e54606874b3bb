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
    /// And a read of an environment of several pages that meets an exec between two pages ends early, without the marker
    /// at its end. Here a process with four pages of environment runs 400 programs in a row and is looked at throughout:
    /// without the fixes some looks miss it (without the second, 4 runs of 4 failed, missing it 1 to 6 times).
    /// </summary>
    [Fact]
    public void IsMarked_ProcessRunningOneProgramAfterAnother_IsMarkedThroughEveryExec()
    {
        var marker = Guid.NewGuid().ToString("n");
        var start = new ProcessStartInfo("/bin/sh", ["-c", Chain, Chain, "400"]) { UseShellExecute = false };
        // Pages of environment before the marker: /proc/PID/environ is read a page at a time, and a read that meets an exec
        // between two pages ends early, without the marker at the end.
        start.Environment["MCPPLAYBOOKS_TEST_PADDING"] = new string('x', 3 * 4096);
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
