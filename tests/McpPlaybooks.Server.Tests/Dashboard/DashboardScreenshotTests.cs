using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Docs;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// The README's screenshot: the executions list at 1280×800 with a realistic mix (succeeded, one failed, one waiting for
/// approval, one running), saved as <c>artifacts/screenshots/dashboard.png</c>; with <c>MCPPLAYBOOKS_UPDATE_DOCS_IMAGES=1</c>
/// also as <c>docs/images/dashboard.png</c> (commit it after looking at it).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardScreenshotTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task ExecutionsPage_RealisticMix_Screenshot1280x800()
    {
        using var root = new Cli.TempDirectory();
        var flag = Path.Combine(root.Path, "evicted");
        await using var server = await HttpTestServer.StartAsync(ScreenshotPlaybooks.All());
        var mcp = await server.ConnectAsync();
        foreach (var playbook in new[] { "oom-pod-memory-increase", "disk-space-cleanup", "restart-unhealthy-service", "disk-space-cleanup", "restart-unhealthy-service" })
        {
            await mcp.CallOkAsync("execute_playbook", new { playbook_id = playbook, wait_seconds = 30 });
        }

        await mcp.CallAsync("execute_playbook", new { playbook_id = "database-failover", wait_seconds = 30 });
        await mcp.CallOkAsync("execute_playbook", new { playbook_id = "restart-unhealthy-service", wait_seconds = 30 });
        var running = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "drain-kubernetes-node", inputs = new { flag } })).Str("execution_id");
        var waiting = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "tls-certificate-rotation", wait_seconds = 30 })).Str("execution_id");
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.WaitForSelectorAsync($"#waiting tr[data-id='{waiting}']");
        await page.WaitForSelectorAsync($"#executions tr[data-id='{running}'][data-status='running']");
        await page.WaitForSelectorAsync("#executions tr[data-status='failed']");
        var path = Path.Combine(BrowserFixture.ArtifactDirectory, "dashboard.png");
        Directory.CreateDirectory(BrowserFixture.ArtifactDirectory);
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = false });
        await File.WriteAllTextAsync(flag, "");
        output.WriteLine(path);

        var size = PngSize(await File.ReadAllBytesAsync(path));
        Assert.Equal((1280, 800), size);
        Assert.Equal(8, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#executions tr').length"));
        if (Environment.GetEnvironmentVariable("MCPPLAYBOOKS_UPDATE_DOCS_IMAGES") == "1")
        {
            var images = Directory.CreateDirectory(RepositoryFiles.PathOf(Path.Combine("docs", "images"))).FullName;
            File.Copy(path, Path.Combine(images, "dashboard.png"), overwrite: true);
        }
    }

    /// <summary>The width and height in a PNG's IHDR chunk (big-endian, at bytes 16 and 20).</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
