namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>
/// One <see cref="TestHttpServer"/> and one client, configured as the engine configures its own
/// (no redirects followed, no timeout of its own), shared by the tests of the <c>http server</c> collection.
/// The client keeps no idle connection: each request opens its own. A notify test's POST failed at once twice in full
/// runs (both test projects at work, never with these classes alone) with "The response ended prematurely" on a
/// connection another request had left in the pool, and .NET does not send a POST again on a connection closed under
/// it; which request left it closing was not found. Connection reuse is not what these tests are about.
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
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionIdleTimeout = TimeSpan.Zero })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
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
