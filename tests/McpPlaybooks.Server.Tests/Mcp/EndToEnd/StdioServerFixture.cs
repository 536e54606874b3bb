namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>One <see cref="EndToEndServer"/> process shared by the tests of a class that do not disturb each other.</summary>
public sealed class StdioServerFixture : IAsyncLifetime
{
    private EndToEndServer? _server;

    internal EndToEndServer Server => _server ?? throw new InvalidOperationException("the fixture has not started");

    public async Task InitializeAsync() => _server = await EndToEndServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
