using System.Collections.Concurrent;
using System.Diagnostics;
using McpPlaybooks.Server.Tests.Docs;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// The browsers of the browser tests, Debian's: <c>tests/browser/install.sh [chromium|firefox]</c> prints a browser's path,
/// installing it with apt-get first when it is missing (.ci/run runs the script before the tests).
/// <c>MCPPLAYBOOKS_TEST_CHROMIUM</c> and <c>MCPPLAYBOOKS_TEST_FIREFOX</c> name other binaries.
/// </summary>
internal static class BrowserBinary
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Paths = new();

    public static Task<string> ChromiumAsync() => LocateAsync("chromium");

    public static Task<string> FirefoxAsync() => LocateAsync("firefox");

    private static Task<string> LocateAsync(string browser) => Paths.GetOrAdd(browser, name => new Lazy<Task<string>>(() => RunInstallScriptAsync(name))).Value;

    private static async Task<string> RunInstallScriptAsync(string browser)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryFiles.PathOf(Path.Combine("tests", "browser", "install.sh")));
        startInfo.ArgumentList.Add(browser);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var path = (await output).Trim();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No {browser} for the browser tests (tests/browser/install.sh {browser} exited {process.ExitCode}): {(await error).Trim()}");
        }

        return path;
    }
}
