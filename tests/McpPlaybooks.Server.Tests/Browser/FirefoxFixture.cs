using System.Diagnostics;
using System.Text.RegularExpressions;
using WebDriverBiDi;
using WebDriverBiDi.Browser;
using WebDriverBiDi.Session;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// One headless Firefox ESR (Debian's <c>firefox-esr</c>, from <c>tests/browser/install.sh firefox</c>) for every test in
/// <see cref="FirefoxCollection"/>, driven over WebDriver BiDi by the WebDriverBiDi library. (PuppeteerSharp 25.17.1 cannot
/// drive it here: it was built against WebDriverBiDi 0.0.61, which the registry lacks, and fails with 0.0.63.) Each test
/// opens its page in its own <see cref="FirefoxSession"/>: a separate user context, so cookies never pass between tests.
/// Preferences keep Firefox off the network (no updates, telemetry, captive-portal or safe-browsing requests).
/// </summary>
public sealed partial class FirefoxFixture : IAsyncLifetime
{
    private static readonly string[] Preferences =
    [
        """user_pref("app.update.disabledForTesting", true);""",
        """user_pref("browser.safebrowsing.malware.enabled", false);""",
        """user_pref("browser.safebrowsing.phishing.enabled", false);""",
        """user_pref("browser.shell.checkDefaultBrowser", false);""",
        """user_pref("browser.startup.homepage_override.mstone", "ignore");""",
        """user_pref("browser.startup.page", 0);""",
        """user_pref("datareporting.policy.dataSubmissionEnabled", false);""",
        """user_pref("network.captive-portal-service.enabled", false);""",
        """user_pref("network.connectivity-service.enabled", false);""",
        """user_pref("toolkit.telemetry.enabled", false);""",
    ];

    private Process? _process;
    private BiDiDriver? _driver;
    private string? _profile;

    public async Task InitializeAsync()
    {
        _profile = Directory.CreateTempSubdirectory("mcpp-firefox-").FullName;
        await File.WriteAllLinesAsync(Path.Combine(_profile, "user.js"), Preferences);
        var start = new ProcessStartInfo(await BrowserBinary.FirefoxAsync())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-remote", "--profile", _profile, "--remote-debugging-port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MOZ_CRASHREPORTER_DISABLE"] = "1";
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start) ?? throw new InvalidOperationException("firefox did not start");
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text && Listening().Match(text) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var endpoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        _driver = new BiDiDriver(TimeSpan.FromSeconds(30));
        await _driver.StartAsync(endpoint.TrimEnd('/') + "/session");
        await _driver.Session.NewSessionAsync(new NewCommandParameters());
    }

    /// <summary>A fresh user context (its own cookies and storage) with one tab of the given size.</summary>
    public async Task<FirefoxSession> OpenAsync(int width = 1280, int height = 800)
    {
        var driver = _driver ?? throw new InvalidOperationException("Firefox has not started.");
        var user = await driver.Browser.CreateUserContextAsync(new CreateUserContextCommandParameters());
        return await FirefoxSession.OpenAsync(driver, user.UserContextId, width, height);
    }

    public async Task DisposeAsync()
    {
        if (_driver is not null)
        {
            try
            {
                await _driver.Browser.CloseAsync(new CloseCommandParameters());
            }
            catch (WebDriverBiDiException)
            {
                // Closing the browser may end the connection before its answer arrives.
            }

            await _driver.DisposeAsync();
        }

        if (_process is not null)
        {
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Firefox may still be writing its profile as it exits; the temp folder is left behind.
            }
        }
    }

    [GeneratedRegex(@"WebDriver BiDi listening on (ws://\S+)")]
    private static partial Regex Listening();
}
