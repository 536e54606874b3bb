namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>Tests that share the one headless Firefox of <see cref="FirefoxFixture"/>; put <c>[Collection(FirefoxCollection.Name)]</c> on them.</summary>
[CollectionDefinition(Name)]
public sealed class FirefoxCollection : ICollectionFixture<FirefoxFixture>
{
    public const string Name = "Firefox";
}
