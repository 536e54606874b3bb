using PuppeteerSharp;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>One test's browser context and page, closed together.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>
    /// Saves a full-page PNG as <c>NAME.png</c> in <see cref="BrowserFixture.ArtifactDirectory"/> and returns its path,
    /// for a person to look at after the run.
    /// </summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactDirectory);
        var path = Path.Combine(BrowserFixture.ArtifactDirectory, name + ".png");
        await Page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
