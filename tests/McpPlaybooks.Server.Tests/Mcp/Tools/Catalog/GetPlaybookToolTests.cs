namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary><c>get_playbook</c> through a real client: one version in full, its versions and history, and bad arguments.</summary>
public sealed class GetPlaybookToolTests
{
    private static McpTestServerOptions Options => new() { Playbooks = CatalogPlaybooks.Files() };

    [Fact]
    public async Task GetPlaybook_Latest_DefinitionVersionsAndYaml()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("get_playbook", """{"playbook_id":"restart-service"}""");
        var json = ToolCalls.Structured(result);

        await server.AssertMatchesOutputSchemaAsync("get_playbook", json);
        Assert.Equal(
            "restart-service 1.1.0 (active, 2 versions): 2 steps; required inputs: service; 0 real runs. Its YAML is the resource playbook://restart-service@1.1.0. Next: plan_playbook.",
            ToolCalls.Text(result));
        Assert.Equal("1.1.0", json["version"]!.GetValue<string>());
        Assert.Equal("active", json["status"]!.GetValue<string>());
        Assert.Equal("sre-team", json["owner"]!.GetValue<string>());
        Assert.Equal(
            """[{"severity":["P1","P2"],"type":["availability"],"service":["checkout","payments"]},{"root_cause":"OOMKill*","min_confidence":0.8}]""",
            json["triggers"]!.ToJsonString());
        Assert.Equal(
            """[{"name":"service","type":"string","required":true,"description":"systemd unit"},"""
            + """{"name":"mode","type":"string","required":false,"default":"soft","enum":["soft","hard"]}]""",
            json["inputs"]!.ToJsonString());
        Assert.Equal(
            """{"require_approval":false,"dry_run_first":false,"separate_approver":false}""",
            json["safety"]!.ToJsonString());
        Assert.Equal(
            """[{"id":"check","action":"log","needs":[],"approval":false,"rollback":false,"timeout":"10s"},"""
            + """{"id":"restart","action":"log","needs":["check"],"approval":false,"rollback":false,"timeout":"30s"}]""",
            json["steps"]!.ToJsonString());
        Assert.Equal("""[{"version":"1.1.0","status":"active"},{"version":"1.0.0","status":"active"}]""", json["versions"]!.ToJsonString());
        Assert.Equal(
            """{"runs":0,"completed":0,"failed":0,"rejected":0,"breaker_refused":0,"active":0,"dry_runs":0,"recent":[]}""",
            json["history"]!.ToJsonString());
        Assert.Equal("[]", json["warnings"]!.ToJsonString());
        Assert.Equal("5m", json["timeout"]!.GetValue<string>());
        Assert.Equal("playbook://restart-service@1.1.0", json["yaml_uri"]!.GetValue<string>());
        Assert.Null(json["yaml"]);
        Assert.Equal(Path.Combine(server.PlaybookDirectory, "restart-1.1.0.yaml"), json["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPlaybook_OlderVersionWithHistory_SummarisesRunsAndTheLastFive()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        var real = await server.RunAsync("restart-service", "1.0.0");
        var dry = await server.RunAsync("restart-service", "1.1.0", dryRun: true);

        var result = await server.CallAsync("get_playbook", """{"playbook_id":"restart-service","version":"1.0.0"}""");
        var json = ToolCalls.Structured(result);

        Assert.Equal("1.0.0", json["version"]!.GetValue<string>());
        var history = json["history"]!;
        Assert.Equal(1, history["runs"]!.GetValue<int>());
        Assert.Equal(1, history["completed"]!.GetValue<int>());
        Assert.Equal(1, history["dry_runs"]!.GetValue<int>());
        Assert.Equal(1.0, history["success_rate"]!.GetValue<double>());
        Assert.Equal("completed", history["last_status"]!.GetValue<string>());
        Assert.EndsWith("Z", history["last_run_at"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            $$"""[{"execution_id":"{{dry.ExecutionId}}","version":"1.1.0","status":"completed","dry_run":true},{"execution_id":"{{real.ExecutionId}}","version":"1.0.0","status":"completed","dry_run":false}]""",
            history["recent"]!.ToJsonString());
        Assert.Contains("1 real run, 100% completed.", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPlaybook_LongYaml_LinksTheResourceInsteadOfRepeatingIt()
    {
        var padding = string.Concat(Enumerable.Repeat("# " + new string('x', 98) + "\n", 200));
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Playbooks = new Dictionary<string, string> { ["big.yaml"] = CatalogPlaybooks.Fresh("1.0.0") + padding },
        });

        var result = await server.CallAsync("get_playbook", """{"playbook_id":"fresh-check"}""");

        var link = Assert.Single(result.Content.OfType<ModelContextProtocol.Protocol.ResourceLinkBlock>());
        Assert.Equal("playbook://fresh-check@1.0.0", link.Uri);
        Assert.Equal("application/yaml", link.MimeType);
        Assert.True(result.StructuredContent!.Value.GetRawText().Length < 2_000, result.StructuredContent.Value.GetRawText());
        var read = await server.Client.ReadResourceAsync(link.Uri);
        Assert.EndsWith(padding, Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(read.Contents)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"playbook_id":"restart-servce"}""", "no playbook 'restart-servce' in the catalogue; did you mean 'restart-service'? Call list_playbooks to see the playbooks.")]
    [InlineData("""{"playbook_id":"restart-service","version":"9.9.9"}""", "playbook 'restart-service' has no version '9.9.9'; its versions are 1.1.0, 1.0.0.")]
    [InlineData("""{"playbook_id":"broken-one"}""", "broken.yaml has this id but is left out for its errors (first: 4:1 PB0")]
    [InlineData("""{}""", "'playbook_id' is required: Playbook id, from list_playbooks")]
    [InlineData("""{"playbook_id":42}""", "'playbook_id' must be a string, got the number 42")]
    [InlineData("""{"id":"restart-service"}""", "unknown argument 'id'")]
    public async Task GetPlaybook_BadArguments_ErrorSaysWhatToDo(string arguments, string expected)
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var message = await server.CallErrorAsync("get_playbook", arguments);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
