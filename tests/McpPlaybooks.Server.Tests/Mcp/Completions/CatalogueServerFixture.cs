using McpPlaybooks.Server.Tests.Mcp.Resources;

namespace McpPlaybooks.Server.Tests.Mcp.Completions;

/// <summary>One test server shared by a class's read-only tests (completions of the catalogue, prompts): alpha 1.0.0 and 1.1.0, alpine, gated.</summary>
public sealed class CatalogueServerFixture : IAsyncLifetime
{
    private McpTestServer? _server;

    internal McpTestServer Server => _server ?? throw new InvalidOperationException("the fixture has not started");

    internal static McpTestServerOptions Catalogue() => new()
    {
        Playbooks = new Dictionary<string, string>
        {
            ["alpha-1.yaml"] = ResourcePlaybooks.AlphaV1,
            ["alpha-2.yaml"] = ResourcePlaybooks.AlphaV2,
            ["alpine.yaml"] = ResourcePlaybooks.AlphaV1.Replace("id: alpha", "id: alpine", StringComparison.Ordinal),
            ["gated.yaml"] = ResourcePlaybooks.Gated,
        },
    };

    public async Task InitializeAsync() => _server = await McpTestServer.StartAsync(Catalogue());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
