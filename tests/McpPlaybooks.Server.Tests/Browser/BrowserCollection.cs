namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>Tests that share the one headless Chromium of <see cref="BrowserFixture"/>; put <c>[Collection(BrowserCollection.Name)]</c> on them.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
