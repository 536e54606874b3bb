namespace McpPlaybooks.Engine.Tests.Bundled;

/// <summary>What this machine has for a bundled playbook's real run: programs on PATH, a running systemd.</summary>
internal static class HostTools
{
    /// <summary>The programs of <paramref name="tools"/> not found on PATH.</summary>
    public static IReadOnlyList<string> Missing(params string[] tools) =>
        [.. tools.Where(tool => !(Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool))))];

    /// <summary>True when systemd is the init system (what <c>systemctl</c> and <c>journalctl</c> need to answer).</summary>
    public static bool SystemdRunning => Directory.Exists("/run/systemd/system");
}
