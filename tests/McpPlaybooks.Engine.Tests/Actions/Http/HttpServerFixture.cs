namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>
/// One <see cref="TestHttpServer"/> and one client, configured as the engine configures its own
/// (no redirects followed, no timeout of its own), shared by the tests of the <c>http server</c> collection.
/// </summary>
public sealed class HttpServerFixture : IAsyncLifetime
{
    private TestHttpServer? _server;
    private HttpClient? _client;

    public TestHttpServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public HttpClient Client => _client ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await TestHttpServer.StartAsync();
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
