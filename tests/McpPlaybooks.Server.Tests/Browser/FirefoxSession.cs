using System.Text.Json;
using WebDriverBiDi;
using WebDriverBiDi.Browser;
using WebDriverBiDi.BrowsingContext;
using WebDriverBiDi.Script;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// One test's Firefox tab in its own user context, closed together: navigate, run script, wait for an element (a
/// MutationObserver in the page, never polling from here), save a screenshot.
/// </summary>
public sealed class FirefoxSession : IAsyncDisposable
{
    private readonly BiDiDriver _driver;
    private readonly string _userContext;
    private readonly string _tab;

    private FirefoxSession(BiDiDriver driver, string userContext, string tab)
    {
        _driver = driver;
        _userContext = userContext;
        _tab = tab;
    }

    internal static async Task<FirefoxSession> OpenAsync(BiDiDriver driver, string userContext, int width, int height)
    {
        var tab = await driver.BrowsingContext.CreateAsync(new CreateCommandParameters(CreateType.Tab) { UserContextId = userContext });
        await driver.BrowsingContext.SetViewportAsync(new SetViewportCommandParameters
        {
            BrowsingContextId = tab.BrowsingContextId,
            Viewport = new Viewport { Width = (ulong)width, Height = (ulong)height },
        });
        return new FirefoxSession(driver, userContext, tab.BrowsingContextId);
    }

    /// <summary>The address the tab shows now.</summary>
    public async Task<string> UrlAsync() => await EvaluateAsync<string>("location.href");

    public async Task GoToAsync(string url) =>
        await _driver.BrowsingContext.NavigateAsync(new NavigateCommandParameters(_tab, url) { Wait = ReadinessState.Complete });

    /// <summary>Runs <paramref name="expression"/> in the page (awaiting a promise) and returns its value read as JSON.</summary>
    public async Task<T> EvaluateAsync<T>(string expression)
    {
        var result = await _driver.Script.EvaluateAsync(new EvaluateCommandParameters($"Promise.resolve({expression}).then(v => JSON.stringify(v))", new ContextTarget(_tab), true));
        if (result is EvaluateResultException failed)
        {
            throw new InvalidOperationException($"{expression} threw in Firefox: {failed.ExceptionDetails.Text}");
        }

        var json = ((EvaluateResultSuccess)result).Result.As<StringRemoteValue>().Value;
        return JsonSerializer.Deserialize<T>(json)!;
    }

    /// <summary>Waits (up to 30 s) until an element matches <paramref name="selector"/>, watching the page's changes.</summary>
    public Task WaitForSelectorAsync(string selector) => EvaluateAsync<bool>($$"""
        new Promise((resolve, reject) => {
          const selector = {{JsonSerializer.Serialize(selector)}};
          if (document.querySelector(selector)) { resolve(true); return; }
          const observer = new MutationObserver(() => { if (document.querySelector(selector)) { observer.disconnect(); resolve(true); } });
          observer.observe(document, { subtree: true, childList: true, attributes: true });
          setTimeout(() => { observer.disconnect(); reject(new Error("no element matches " + selector + " after 30 s")); }, 30000);
        })
        """);

    /// <summary>Saves the visible part of the tab as <c>NAME.png</c> in <see cref="BrowserFixture.ArtifactDirectory"/> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactDirectory);
        var path = Path.Combine(BrowserFixture.ArtifactDirectory, name + ".png");
        var shot = await _driver.BrowsingContext.CaptureScreenshotAsync(new CaptureScreenshotCommandParameters(_tab));
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.Data));
        return path;
    }

    public async ValueTask DisposeAsync() =>
        await _driver.Browser.RemoveUserContextAsync(new RemoveUserContextCommandParameters(_userContext));
}
