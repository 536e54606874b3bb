using PuppeteerSharp;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// One headless Chromium for every test in <see cref="BrowserCollection"/>, started with the flags this machine's
/// closed network needs (no background networking, no component updates, a fresh profile).
/// </summary>
public sealed class BrowserFixture : LaunchedBrowser
{
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public override string Name => "chromium";

    protected override async Task<LaunchOptions> LaunchOptionsAsync(string profile) => new()
    {
        ExecutablePath = await BrowserBinary.ChromiumAsync(),
        Headless = true,
        Args = Flags,
        UserDataDir = profile,
        Timeout = 60_000,
    };
}
