using System.Diagnostics;
using McpPlaybooks.Server.Tests.Docs;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// Debian's Chromium for the browser tests: <c>tests/browser/install.sh</c> prints its path, installing it with
/// apt-get first when it is missing (.ci/run runs the script before the tests). <c>MCPPLAYBOOKS_TEST_CHROMIUM</c>
/// names another binary.
/// </summary>
internal static class Chromium
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static string? _path;

    public static async Task<string> LocateAsync()
    {
        await Lock.WaitAsync();
        try
        {
            return _path ??= await RunInstallScriptAsync();
        }
        finally
        {
            Lock.Release();
        }
    }

    private static async Task<string> RunInstallScriptAsync()
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryFiles.PathOf(Path.Combine("tests", "browser", "install.sh")));
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var path = (await output).Trim();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No Chromium for the browser tests (tests/browser/install.sh exited {process.ExitCode}): {(await error).Trim()}");
        }

        return path;
    }
}
