namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// Whether a process the test did not start (a killed grandchild) is gone. Killing is immediate, but
/// reaping orphans is asynchronous and gives no event to wait on, so this polls <c>/proc</c> for up to
/// about 2 s; a zombie counts as dead. The one bounded poll of the suite, shared by the shell tests.
/// </summary>
internal static class ProcessProbe
{
    public static bool IsGoneAfterReaping(int pid) => IsGoneWithin(pid, TimeSpan.FromSeconds(2));

    /// <summary>As <see cref="IsGoneAfterReaping"/>, polling for up to <paramref name="window"/>.</summary>
    public static bool IsGoneWithin(int pid, TimeSpan window)
    {
        for (var i = 0; i < window / TimeSpan.FromMilliseconds(50); i++)
        {
            if (!IsAlive(pid))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 1)..].TrimStart()[0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }
}
