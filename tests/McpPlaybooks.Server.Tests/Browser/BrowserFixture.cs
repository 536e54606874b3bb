using PuppeteerSharp;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// One headless Chromium for every test in <see cref="BrowserCollection"/>, started with the flags this machine's
/// closed network needs (no background networking, no component updates, a fresh profile). Each test opens its pages
/// in its own <see cref="BrowserSession"/>: a separate browser context, so cookies never pass between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IBrowser? _browser;
    private string? _profile;

    /// <summary>Where screenshots are saved: <c>artifacts/screenshots</c> under the repository (ignored by git), or <c>MCPPLAYBOOKS_TEST_ARTIFACTS</c>.</summary>
    public static string ArtifactDirectory { get; } =
        Environment.GetEnvironmentVariable("MCPPLAYBOOKS_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Docs.RepositoryFiles.PathOf("artifacts"), "screenshots");

    public async Task InitializeAsync()
    {
        _profile = Directory.CreateTempSubdirectory("mcpp-chromium-").FullName;
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = await BrowserBinary.ChromiumAsync(),
            Headless = true,
            Args = Flags,
            UserDataDir = _profile,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh browser context (its own cookies and storage) with one page of the given size.</summary>
    public async Task<BrowserSession> OpenAsync(int width = 1280, int height = 800)
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser has not started.");
        var context = await browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        page.DefaultTimeout = 30_000;
        return new BrowserSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be writing its profile as it exits; the temp folder is left behind.
            }
        }
    }
}
