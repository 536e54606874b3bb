using System.Diagnostics;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Docs;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// <c>tests/browser/install.sh</c> run twice at once for a missing browser, as the Chromium and Firefox fixtures do on a
/// fresh machine, against a stand-in <c>apt-get</c> that refuses a second caller while one runs (as dpkg's lock does) and
/// installs the browser: both runs print its path, and it is installed once. Before the script took turns, the second
/// failed with apt's "Could not get lock".
/// </summary>
public sealed class InstallScriptTests
{
    private const string FakeAptGet = """
        #!/bin/bash
        # Refuses a second caller while one runs, as dpkg's lock does; 'install' puts the browser in place.
        if ! mkdir "$FAKE_APT_DIR/running" 2>/dev/null; then
          echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1 (apt-get)" >&2
          exit 100
        fi
        trap 'rmdir "$FAKE_APT_DIR/running"' EXIT
        sleep 0.3
        if [[ " $* " == *" install "* ]]; then
          echo "$*" >> "$FAKE_APT_DIR/installs"
          mkdir -p "$(dirname "$FAKE_BROWSER")" && printf '#!/bin/sh\n' > "$FAKE_BROWSER" && chmod +x "$FAKE_BROWSER"
        fi
        """;

    [Fact]
    public async Task InstallScript_TwoRunsAtOnceForAMissingBrowser_BothGetItAndItIsInstalledOnce()
    {
        using var root = new TempDirectory();
        var bin = Path.Combine(root.Path, "bin");
        Executable(root.Write("bin/apt-get", FakeAptGet.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"));
        // The script installs as root or through sudo: the stand-in says root, so neither is needed here.
        Executable(root.Write("bin/id", "#!/bin/sh\necho 0\n"));
        var browser = Path.Combine(root.Path, "usr", "lib", "chromium", "chromium");

        var runs = await Task.WhenAll(RunAsync(root.Path, bin, browser), RunAsync(root.Path, bin, browser));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0 && run.Output == browser, $"exit {run.ExitCode}, printed '{run.Output}': {run.Error}"));
        var installs = File.ReadAllLines(Path.Combine(root.Path, "installs"));
        Assert.Single(installs);
        Assert.Contains("install -y -qq chromium", installs[0], StringComparison.Ordinal);
    }

    private static void Executable(string path)
    {
        Assert.False(OperatingSystem.IsWindows(), "the install script is bash, for Debian");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string root, string bin, string browser)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { RepositoryFiles.PathOf(Path.Combine("tests", "browser", "install.sh")), "chromium" },
            Environment =
            {
                ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["TMPDIR"] = root,
                ["MCPPLAYBOOKS_BROWSER_ROOT"] = root,
                ["FAKE_APT_DIR"] = root,
                ["FAKE_BROWSER"] = browser,
            },
        };
        start.Environment.Remove("MCPPLAYBOOKS_TEST_CHROMIUM");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }
}
