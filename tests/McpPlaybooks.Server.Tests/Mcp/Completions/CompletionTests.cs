using McpPlaybooks.Server.Mcp.Completions;
using McpPlaybooks.Server.Tests.Mcp.Resources;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Completions;

/// <summary>completion/complete for resource templates and prompt arguments, through a real client.</summary>
public sealed class CompletionTests(CatalogueServerFixture shared) : IClassFixture<CatalogueServerFixture>
{
    private McpClient Client => shared.Server.Client;

    [Fact]
    public async Task Initialize_Server_AdvertisesCompletions()
    {
        Assert.NotNull(Client.ServerCapabilities.Completions);
    }

    [Theory]
    [InlineData("playbook://{id}", "al", "alpha alpine")]
    [InlineData("playbook://{id}@{version}", "", "alpha alpine gated")]
    [InlineData("playbook://{id}", "G", "gated")]
    [InlineData("playbook://{id}", "zzz", "")]
    public async Task Complete_PlaybookTemplateId_CatalogueIdsByPrefix(string template, string typed, string expected)
    {
        var completion = await CompleteAsync(Client, new ResourceTemplateReference { Uri = template }, "id", typed);

        Assert.Equal(expected, string.Join(" ", completion.Values));
        Assert.Equal(completion.Values.Count, completion.Total);
        Assert.False(completion.HasMore);
    }

    [Fact]
    public async Task Complete_PlaybookVersion_VersionsOfTheResolvedId()
    {
        var versions = await CompleteAsync(Client, new ResourceTemplateReference { Uri = "playbook://{id}@{version}" }, "version", "1.", new() { ["id"] = "alpha" });
        var none = await CompleteAsync(Client, new ResourceTemplateReference { Uri = "playbook://{id}@{version}" }, "version", "");

        Assert.Equal(["1.1.0", "1.0.0"], versions.Values);
        Assert.Empty(none.Values);
    }

    [Theory]
    [InlineData("execution://{id}")]
    [InlineData("execution://{id}/logs")]
    public async Task Complete_ExecutionTemplateId_RecentExecutionIdsByPrefix(string template)
    {
        await using var server = await McpTestServer.StartAsync(CatalogueServerFixture.Catalogue());
        var first = await ResourcePlaybooks.RunAsync(server, "alpha", "1.0.0");
        var second = await ResourcePlaybooks.RunAsync(server, "gated");

        var all = await CompleteAsync(server.Client, new ResourceTemplateReference { Uri = template }, "id", "ex-");
        var one = await CompleteAsync(server.Client, new ResourceTemplateReference { Uri = template }, "id", first.ExecutionId);

        Assert.Equal([second.ExecutionId, first.ExecutionId], all.Values);
        Assert.Equal([first.ExecutionId], one.Values);
    }

    [Theory]
    [InlineData("review_playbook", "playbook_id")]
    [InlineData("author_playbook", "based_on")]
    [InlineData("remediate_incident", "playbook_id")]
    public async Task Complete_PromptPlaybookArgument_CatalogueIds(string prompt, string argument)
    {
        var completion = await CompleteAsync(Client, new PromptReference { Name = prompt }, argument, "alp");

        Assert.Equal(["alpha", "alpine"], completion.Values);
    }

    [Fact]
    public async Task Complete_PromptExecutionId_RecentExecutionIds()
    {
        await using var server = await McpTestServer.StartAsync(CatalogueServerFixture.Catalogue());
        var run = await ResourcePlaybooks.RunAsync(server, "gated");

        var completion = await CompleteAsync(server.Client, new PromptReference { Name = "investigate_execution" }, "execution_id", "");

        Assert.Equal([run.ExecutionId], completion.Values);
    }

    [Theory]
    [InlineData("", "service= port= force=")]
    [InlineData("p", "port=")]
    [InlineData("service=checkout, ", "service=checkout, port=|service=checkout, force=")]
    [InlineData("service=checkout port=80 f", "service=checkout port=80 force=")]
    [InlineData("service=chec", "")]
    public async Task Complete_RemediateInputs_InputNamesOfTheResolvedPlaybook(string typed, string expected)
    {
        var completion = await CompleteAsync(Client, new PromptReference { Name = "remediate_incident" }, "inputs", typed, new() { ["playbook_id"] = "alpha" });

        var separator = expected.Contains('|', StringComparison.Ordinal) ? "|" : " ";
        Assert.Equal(expected, string.Join(separator, completion.Values));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nope")]
    public async Task Complete_InputsWithoutAKnownPlaybook_Nothing(string? playbookId)
    {
        var context = playbookId is null ? null : new Dictionary<string, string> { ["playbook_id"] = playbookId };

        var completion = await CompleteAsync(Client, new PromptReference { Name = "remediate_incident" }, "inputs", "", context);

        Assert.Empty(completion.Values);
    }

    [Fact]
    public async Task Complete_UnknownArgument_Nothing()
    {
        var completion = await CompleteAsync(Client, new PromptReference { Name = "remediate_incident" }, "incident", "");

        Assert.Empty(completion.Values);
    }

    [Fact]
    public void Of_ManyCandidates_AtMost100WithTotalAndHasMore()
    {
        var completion = CompletionValues.Of(Enumerable.Range(0, 150).Select(i => $"p-{i:000}"), "P-");

        Assert.Equal(100, completion.Values.Count);
        Assert.Equal(("p-000", "p-099"), (completion.Values[0], completion.Values[^1]));
        Assert.Equal(150, completion.Total);
        Assert.True(completion.HasMore);
    }

    private static async Task<Completion> CompleteAsync(McpClient client, Reference reference, string argument, string typed, Dictionary<string, string>? context = null)
    {
        var result = await client.CompleteAsync(new CompleteRequestParams
        {
            Ref = reference,
            Argument = new Argument { Name = argument, Value = typed },
            Context = context is null ? null : new CompleteContext { Arguments = context },
        });
        return result.Completion;
    }
}
