using PuppeteerSharp;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// One headless browser shared by a collection of tests, launched by PuppeteerSharp with a fresh profile. Each test opens
/// its pages in its own <see cref="BrowserSession"/>: a separate browser context, so cookies never pass between tests.
/// <see cref="BrowserFixture"/> is Debian's Chromium (over CDP); <see cref="FirefoxFixture"/> is Debian's Firefox ESR (over WebDriver BiDi).
/// </summary>
public abstract class LaunchedBrowser : IAsyncLifetime
{
    private IBrowser? _browser;
    private string? _profile;

    /// <summary>Where screenshots are saved: <c>artifacts/screenshots</c> under the repository (ignored by git), or <c>MCPPLAYBOOKS_TEST_ARTIFACTS</c>.</summary>
    public static string ArtifactDirectory { get; } =
        Environment.GetEnvironmentVariable("MCPPLAYBOOKS_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Docs.RepositoryFiles.PathOf("artifacts"), "screenshots");

    /// <summary>The browser's name in screenshot names and messages: <c>chromium</c>, <c>firefox</c>.</summary>
    public abstract string Name { get; }

    public async Task InitializeAsync()
    {
        _profile = Directory.CreateTempSubdirectory($"mcpp-{Name}-").FullName;
        _browser = await Puppeteer.LaunchAsync(await LaunchOptionsAsync(_profile));
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
                // The browser may still be writing its profile as it exits; the temp folder is left behind.
            }
        }
    }

    /// <summary>How to launch this browser headless with <paramref name="profile"/> as its profile folder.</summary>
    protected abstract Task<LaunchOptions> LaunchOptionsAsync(string profile);
}
