using McpPlaybooks.Server.Tests.Mcp.Completions;
using McpPlaybooks.Server.Tests.Mcp.Resources;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Prompts;

/// <summary>prompts/list and prompts/get of the bundled prompts through a real client.</summary>
public sealed class PromptTests(CatalogueServerFixture shared) : IClassFixture<CatalogueServerFixture>
{
    [Fact]
    public async Task ListPrompts_Bundled_FourPromptsWithTheirArguments()
    {
        var prompts = await shared.Server.Client.ListPromptsAsync();

        Assert.Equal(["author_playbook", "investigate_execution", "remediate_incident", "review_playbook"], prompts.Select(p => p.Name));
        var arguments = prompts.ToDictionary(p => p.Name, p => string.Join(" ", p.ProtocolPrompt.Arguments!.Select(a => a.Name + (a.Required == true ? "!" : "?"))));
        Assert.Equal("goal! based_on?", arguments["author_playbook"]);
        Assert.Equal("execution_id!", arguments["investigate_execution"]);
        Assert.Equal("incident! playbook_id? inputs?", arguments["remediate_incident"]);
        Assert.Equal("playbook_id!", arguments["review_playbook"]);
        Assert.All(prompts, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.All(prompts, p => Assert.False(string.IsNullOrWhiteSpace(p.Title)));
    }

    [Fact]
    public async Task GetPrompt_InvestigateExecution_SubstitutesTheId()
    {
        var id = (await ResourcePlaybooks.RunAsync(shared.Server, "alpha", "1.0.0")).ExecutionId;

        var text = await TextAsync("investigate_execution", new() { ["execution_id"] = id });

        var lines = text.Split('\n');
        Assert.Equal($"Help me understand what happened in the McpPlaybooks execution `{id}`.", lines[0]);
        Assert.Contains($"1. Call `get_execution` with `execution_id: {id}`. Note its status", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPrompt_RemediateWithOnlyTheIncident_LeavesOptionalSectionsOut()
    {
        var text = await TextAsync("remediate_incident", new() { ["incident"] = "checkout is down (P1)" });

        Assert.Contains("Incident:\n\ncheckout is down (P1)\n\n1. **Find the playbook.** Call `list_playbooks` with the incident", text, StringComparison.Ordinal);
        Assert.Contains("Then call `get_playbook` for it.\n2. **Read it.** Check its inputs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("I chose", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Inputs I already know", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPrompt_RemediateWithEveryArgument_ShowsTheSections()
    {
        var text = await TextAsync("remediate_incident", new()
        {
            ["incident"] = "checkout is down (P1)",
            ["playbook_id"] = "alpha",
            ["inputs"] = "service=checkout.service, port=8080",
        });

        Assert.Contains(
            "checkout is down (P1)\n\nInputs I already know: service=checkout.service, port=8080\n\n"
            + "1. **Take the playbook I chose.** Call `get_playbook` with `playbook_id: alpha`; do not search for another.",
            text,
            StringComparison.Ordinal);
        Assert.Contains("stop: never improvise commands.\n2. **Read it.**", text, StringComparison.Ordinal);

        // Given a playbook, nothing tells the model to search for one.
        Assert.DoesNotContain("list_playbooks", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Find the playbook", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPrompt_AuthorPlaybook_KeepsPlaybookExpressionsAsWritten()
    {
        var text = await TextAsync("author_playbook", new() { ["goal"] = "clear /var/log on a full disk", ["based_on"] = "alpine" });

        Assert.Contains("Start from the playbook `alpine`: read it with `get_playbook` (or `playbook://alpine`)", text, StringComparison.Ordinal);
        Assert.Contains("`{{ inputs.x }}`", text, StringComparison.Ordinal);
        Assert.Contains("schema://playbook", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPrompt_MissingRequiredArgument_IsInvalidParamsNamingIt()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            shared.Server.Client.GetPromptAsync("remediate_incident", new Dictionary<string, object?> { ["playbook_id"] = "x" }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("Prompt 'remediate_incident' needs the argument 'incident'; it takes incident (required), playbook_id, inputs.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", null, "Unknown prompt 'nope'. The prompts are author_playbook, investigate_execution, remediate_incident, review_playbook.")]
    [InlineData("review_playbook", "playbook", "Prompt 'review_playbook' has no argument 'playbook'; it takes playbook_id (required).")]
    public async Task GetPrompt_UnknownNameOrArgument_IsInvalidParams(string name, string? argument, string expected)
    {
        var arguments = argument is null ? null : new Dictionary<string, object?> { [argument] = "x" };

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => shared.Server.Client.GetPromptAsync(name, arguments).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("review_playbook", "playbook_id", "alpah", "Prompt 'review_playbook' was given playbook_id = no playbook 'alpah' in the catalogue (did you mean 'alpha'?); list_playbooks finds one.")]
    [InlineData("author_playbook", "based_on", "nope", "Prompt 'author_playbook' was given based_on = no playbook 'nope' in the catalogue; list_playbooks finds one.")]
    [InlineData("investigate_execution", "execution_id", "ex-nope", "Prompt 'investigate_execution' was given execution_id = no execution 'ex-nope'; list_executions finds one.")]
    public async Task GetPrompt_IdThatNamesNothing_IsInvalidParamsWithWhatFindsOne(string name, string argument, string value, string expected)
    {
        var arguments = new Dictionary<string, object?> { [argument] = value, ["goal"] = "a goal" };
        if (name != "author_playbook")
        {
            arguments.Remove("goal");
        }

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => shared.Server.Client.GetPromptAsync(name, arguments).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("review_playbook", "playbook_id", 5000, "Prompt 'review_playbook' takes at most 100 characters in 'playbook_id'; it got 5000.")]
    [InlineData("remediate_incident", "incident", 5000, "Prompt 'remediate_incident' takes at most 4000 characters in 'incident'; it got 5000.")]
    public async Task GetPrompt_ArgumentOverItsLimit_IsInvalidParamsWithoutRepeatingIt(string name, string argument, int length, string expected)
    {
        var arguments = new Dictionary<string, object?> { [argument] = new string('Q', length) };

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => shared.Server.Client.GetPromptAsync(name, arguments).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("QQQ", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> TextAsync(string name, Dictionary<string, object?> arguments)
    {
        var result = await shared.Server.Client.GetPromptAsync(name, arguments);
        var message = Assert.Single(result.Messages);
        Assert.Equal(Role.User, message.Role);
        return Assert.IsType<TextContentBlock>(message.Content).Text;
    }
}
