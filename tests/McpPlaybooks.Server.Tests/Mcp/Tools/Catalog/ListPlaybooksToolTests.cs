using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary><c>list_playbooks</c> through a real client: the catalogue, filters, incident ranking, and bad arguments.</summary>
public sealed class ListPlaybooksToolTests
{
    private static McpTestServerOptions Options => new() { Playbooks = CatalogPlaybooks.Files() };

    [Fact]
    public async Task ListPlaybooks_StatusesSet_EachPlaybookShowsItsLatestVersionsOwn()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        await server.Engine.SetPlaybookStatusAsync("restart-service", "1.1.0", Engine.Lifecycle.PlaybookStatus.Deprecated, "test", default);
        await server.Engine.SetPlaybookStatusAsync("clear-disk", "0.9.0", Engine.Lifecycle.PlaybookStatus.Archived, "test", default);

        var json = ToolCalls.Structured(await server.CallAsync("list_playbooks"));

        Assert.Equal(
            ["clear-disk=active", "restart-service=deprecated"],
            json["playbooks"]!.AsArray().Select(i => $"{i!["playbook_id"]}={i["status"]}"));
    }

    [Fact]
    public async Task ListPlaybooks_NoArguments_LatestOfEachWithStatusInputsAndTheInvalidFile()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("list_playbooks");
        var json = ToolCalls.Structured(result);

        Assert.Equal("2 playbooks; 1 file is left out as invalid (see invalid).", ToolCalls.Text(result));
        await server.AssertMatchesOutputSchemaAsync("list_playbooks", json);
        Assert.Equal(2, json["total"]!.GetValue<int>());
        var items = json["playbooks"]!.AsArray();
        Assert.Equal(["clear-disk", "restart-service"], items.Select(i => i!["playbook_id"]!.GetValue<string>()));
        var restart = items[1]!;
        Assert.Equal("1.1.0", restart["version"]!.GetValue<string>());
        Assert.Equal("active", restart["status"]!.GetValue<string>());
        Assert.Equal("Restart a service", restart["name"]!.GetValue<string>());
        Assert.Equal("Restarts a systemd service that stopped answering.", restart["description"]!.GetValue<string>());
        Assert.Equal("""["linux","remediation"]""", restart["tags"]!.ToJsonString());
        Assert.Equal("""[{"name":"service","type":"string","required":true},{"name":"mode","type":"string","required":false}]""", restart["inputs"]!.ToJsonString());
        Assert.False(restart["requires_approval"]!.GetValue<bool>());
        Assert.False(restart["runs_shell"]!.GetValue<bool>());
        Assert.Null(restart["success_rate"]);
        Assert.Equal(0, restart["runs"]!.GetValue<int>());
        Assert.False(restart.AsObject().ContainsKey("match"));
        var invalid = Assert.Single(json["invalid"]!.AsArray())!;
        Assert.Equal(Path.Combine(server.PlaybookDirectory, "broken.yaml"), invalid["path"]!.GetValue<string>());
        Assert.Equal("broken-one", invalid["playbook_id"]!.GetValue<string>());
        Assert.StartsWith("4:1 PB0", invalid["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("colour", invalid["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"query":"DISK"}""", "clear-disk")]
    [InlineData("""{"query":"systemd"}""", "restart-service")]
    [InlineData("""{"query":"remediation nothing-here"}""", "restart-service")]
    [InlineData("""{"tag":"linux"}""", "clear-disk,restart-service")]
    [InlineData("""{"tag":"Linux"}""", "")]
    [InlineData("""{"tag":"linux","query":"logs"}""", "clear-disk")]
    [InlineData("""{"limit":1}""", "clear-disk")]
    public async Task ListPlaybooks_Filters_ReturnTheMatchingIds(string arguments, string expected)
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var json = (await server.CallOkAsync("list_playbooks", arguments)).AsNode();

        Assert.Equal(expected, string.Join(",", json["playbooks"]!.AsArray().Select(i => i!["playbook_id"]!.GetValue<string>())));
    }

    [Fact]
    public async Task ListPlaybooks_Limit_SummarySaysHowManyOfTheMatching()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("list_playbooks", """{"limit":1}""");

        Assert.StartsWith("1 of 2 playbooks;", ToolCalls.Text(result), StringComparison.Ordinal);
        Assert.Equal(2, ToolCalls.Structured(result)["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListPlaybooks_IncidentObject_RanksMatchesWithScoreAndReasons()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("list_playbooks", """{"incident":{"type":"availability","service":"checkout","severity":"P3"}}""");
        var json = ToolCalls.Structured(result);

        Assert.Equal("1 playbook; best match restart-service (rank 0.16 = match 0.32 × past success 0.5; matched type, service); 1 file is left out as invalid (see invalid).", ToolCalls.Text(result));
        var item = Assert.Single(json["playbooks"]!.AsArray())!;
        Assert.Equal(0.32, item["match"]!.GetValue<double>()); // fit 4 / 5 × evidence 4 / 10
        Assert.Equal("""["type","service"]""", item["matched"]!.ToJsonString());
        Assert.Equal(
            """["type availability matches trigger 1","service checkout matches trigger 1","severity P3 is not P1 or P2 (trigger 1)"]""",
            item["reasons"]!.ToJsonString());
        await server.AssertMatchesOutputSchemaAsync("list_playbooks", json);
    }

    [Fact]
    public async Task ListPlaybooks_IncidentText_MatchesARootCauseGlob()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var json = (await server.CallOkAsync("list_playbooks", """{"incident":"checkout pods OOMKilled in prod"}""")).AsNode();

        var item = Assert.Single(json["playbooks"]!.AsArray())!;
        Assert.Equal("restart-service", item["playbook_id"]!.GetValue<string>());
        Assert.Equal(0.3, item["match"]!.GetValue<double>());
        Assert.Equal("""["root_cause"]""", item["matched"]!.ToJsonString());
        Assert.Equal("""["text word OOMKilled matches trigger 2 root_cause"]""", item["reasons"]!.ToJsonString());
    }

    [Fact]
    public async Task ListPlaybooks_ConfidenceBelowMinimum_NothingMatchesAndTheSummarySaysWhatToDo()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("list_playbooks", """{"incident":{"root_cause":"OOMKilled","confidence":0.5}}""");

        Assert.Empty(ToolCalls.Structured(result)["playbooks"]!.AsArray());
        Assert.StartsWith("no playbook's triggers match the incident; call list_playbooks with query instead", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPlaybooks_EqualMatches_PastSuccessBreaksTheTie()
    {
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Playbooks = new Dictionary<string, string> { ["a.yaml"] = Capacity("alpha", "false"), ["b.yaml"] = Capacity("beta", "true") },
        });
        Assert.Equal(Engine.Execution.ExecutionStatus.Failed, (await server.RunAsync("alpha")).Status);
        Assert.Equal(Engine.Execution.ExecutionStatus.Completed, (await server.RunAsync("beta")).Status);
        await server.RunAsync("alpha", dryRun: true);

        var json = (await server.CallOkAsync("list_playbooks", """{"incident":{"type":"capacity"}}""")).AsNode();

        var items = json["playbooks"]!.AsArray();
        Assert.Equal(["beta", "alpha"], items.Select(i => i!["playbook_id"]!.GetValue<string>()));
        Assert.Equal([0.2, 0.2], items.Select(i => i!["match"]!.GetValue<double>()));
        Assert.Equal([1.0, 0.0], items.Select(i => i!["success_rate"]!.GetValue<double>()));
        Assert.Equal([1, 1], items.Select(i => i!["runs"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ListPlaybooks_OneFieldMatchAgainstFiveFieldMatch_TheSpecificPlaybookRanksFirstAndSaysWhatMatched()
    {
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Playbooks = new Dictionary<string, string> { ["a.yaml"] = Triggered("any-p1", "severity: [P1]"), ["b.yaml"] = Triggered("disk-fix", DiskTrigger) },
        });

        var result = await server.CallAsync("list_playbooks", DiskIncident);
        var json = ToolCalls.Structured(result);

        var items = json["playbooks"]!.AsArray();
        Assert.Equal(["disk-fix", "any-p1"], items.Select(i => i!["playbook_id"]!.GetValue<string>()));
        Assert.Equal("""["type","root_cause","severity","source","confidence"]""", items[0]!["matched"]!.ToJsonString());
        Assert.Equal("""["severity"]""", items[1]!["matched"]!.ToJsonString());
        Assert.Equal([0.8, 0.1], items.Select(i => i!["match"]!.GetValue<double>()));
        Assert.StartsWith("2 playbooks; best match disk-fix (rank 0.4 = match 0.8 × past success 0.5; matched type, root_cause, severity, source, confidence)", ToolCalls.Text(result), StringComparison.Ordinal);
        await server.AssertMatchesOutputSchemaAsync("list_playbooks", json);
    }

    [Fact]
    public async Task ListPlaybooks_BroadPlaybookWithBetterPastSuccess_StillRanksBelowTheSpecificOne()
    {
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Playbooks = new Dictionary<string, string> { ["a.yaml"] = Triggered("any-p1", "severity: [P1]"), ["b.yaml"] = Triggered("disk-fix", DiskTrigger) },
        });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Engine.Execution.ExecutionStatus.Completed, (await server.RunAsync("any-p1")).Status);
        }

        var json = (await server.CallOkAsync("list_playbooks", DiskIncident)).AsNode();

        var items = json["playbooks"]!.AsArray();
        Assert.Equal(["disk-fix", "any-p1"], items.Select(i => i!["playbook_id"]!.GetValue<string>()));
        Assert.Equal([0.5, 0.71], items.Select(i => i!["past_success"]!.GetValue<double>()));
    }

    private const string DiskIncident = """{"incident":{"type":"capacity","source":"prometheus","root_cause":"DiskFull","confidence":0.9,"severity":"P1"}}""";

    private const string DiskTrigger = """
        type: [capacity]
            source: [prometheus]
            root_cause: "Disk*"
            severity: [P1, P2]
            min_confidence: 0.7
        """;

    private static string Triggered(string id, string trigger) => $$"""
        id: {{id}}
        name: {{id}}
        version: 1.0.0
        triggers:
          - {{trigger}}
        timeout: 1m
        steps:
          - id: check
            action: log
            timeout: 10s
            with: { message: checked }

        """;

    [Theory]
    [InlineData("""{"querry":"disk"}""", "unknown argument 'querry': did you mean 'query'?")]
    [InlineData("""{"limit":0}""", "'limit' must be a whole number from 1 to 100, got 0")]
    [InlineData("""{"limit":"ten"}""", "'limit' must be a whole number from 1 to 100, got the string \"ten\"")]
    [InlineData("""{"incident":5}""", "'incident' must be a JSON object or a string, got the number 5")]
    [InlineData("""{"tag":["linux"]}""", "'tag' must be a string, got an array")]
    public async Task ListPlaybooks_BadArguments_ErrorNamesTheProblem(string arguments, string expected)
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var message = await server.CallErrorAsync("list_playbooks", arguments);

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.EndsWith("Fix them and call list_playbooks again.", message, StringComparison.Ordinal);
    }

    private static string Capacity(string id, string holds) => $$"""
        id: {{id}}
        name: {{id}}
        version: 1.0.0
        triggers:
          - type: [capacity]
        timeout: 1m
        steps:
          - id: check
            action: assert
            timeout: 10s
            with: { that: "{{holds}}" }

        """;
}
