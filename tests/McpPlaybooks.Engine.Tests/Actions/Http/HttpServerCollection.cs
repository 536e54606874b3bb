namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>The tests that share one <see cref="HttpServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class HttpServerCollection : ICollectionFixture<HttpServerFixture>
{
    public const string Name = "http server";
}
