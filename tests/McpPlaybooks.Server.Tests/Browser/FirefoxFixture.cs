using PuppeteerSharp;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// One headless Firefox ESR (Debian's <c>firefox-esr</c>, driven over WebDriver BiDi) for every test in
/// <see cref="FirefoxCollection"/>: the few page tests that also run outside Chromium. Preferences keep it off the network
/// (no updates, telemetry, captive-portal or safe-browsing requests).
/// </summary>
public sealed class FirefoxFixture : LaunchedBrowser
{
    private static readonly Dictionary<string, object> Quiet = new()
    {
        ["app.update.enabled"] = false,
        ["browser.safebrowsing.malware.enabled"] = false,
        ["browser.safebrowsing.phishing.enabled"] = false,
        ["datareporting.policy.dataSubmissionEnabled"] = false,
        ["network.captive-portal-service.enabled"] = false,
        ["network.connectivity-service.enabled"] = false,
        ["toolkit.telemetry.enabled"] = false,
    };

    public override string Name => "firefox";

    protected override async Task<LaunchOptions> LaunchOptionsAsync(string profile) => new()
    {
        Browser = SupportedBrowser.Firefox,
        ExecutablePath = await BrowserBinary.FirefoxAsync(),
        Headless = true,
        UserDataDir = profile,
        ExtraPrefsFirefox = Quiet,
        Timeout = 60_000,
    };
}
