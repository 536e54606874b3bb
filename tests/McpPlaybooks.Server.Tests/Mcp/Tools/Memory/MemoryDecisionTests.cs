using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Memory;

/// <summary>The memory where decisions are made: <c>list_playbooks</c> ranking with a prior, <c>validate_playbook</c>'s warnings from history, <c>get_playbook</c>'s counts.</summary>
public sealed class MemoryDecisionTests
{
    [Fact]
    public async Task ListPlaybooks_EqualMatchAndABadRecord_RanksTheNewPlaybookFirstShowingBothFactors()
    {
        await using var memory = await MemoryServer.StartAsync();
        await memory.RunManyAsync("login-check", 5, "availability");

        var result = await memory.Server.CallAsync("list_playbooks", new { incident = new { type = "availability" } });
        var items = ToolCalls.Structured(result)["playbooks"]!.AsArray();

        Assert.Equal(["fresh-login", "login-check"], items.Select(i => i!["playbook_id"]!.GetValue<string>()));
        Assert.Equal("""{"rank":0.1,"match":0.2,"past_success":0.5,"past":"past success 0.5: no finished run yet (prior)"}""", Ranking(items[0]!));
        Assert.Equal("""{"rank":0.04,"match":0.2,"past_success":0.22,"past":"past success 0.22: 0 of 5 runs completed for availability incidents"}""", Ranking(items[1]!));
        Assert.Equal((0.0, 5), (items[1]!["success_rate"]!.GetValue<double>(), items[1]!["runs"]!.GetValue<int>()));
        Assert.StartsWith("2 playbooks; best match fresh-login (rank 0.1 = match 0.2 × past success 0.5; matched type)", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPlaybooks_OneSuccess_RanksAboveANewPlaybookWithTheSameMatch()
    {
        await using var memory = await MemoryServer.StartAsync();
        await memory.RunAsync("fresh-login", 1);

        var items = (await memory.Server.CallOkAsync("list_playbooks", new { incident = "availability" })).AsNode()["playbooks"]!.AsArray();

        Assert.Equal(["fresh-login", "login-check"], items.Select(i => i!["playbook_id"]!.GetValue<string>()));
        Assert.Equal([0.6, 0.5], items.Select(i => i!["past_success"]!.GetValue<double>()));
    }

    [Fact]
    public async Task ValidatePlaybook_ByIdWithHistory_WarningsFromHistoryApartWithTheirNumbers()
    {
        await using var memory = await MemoryServer.StartAsync();
        await memory.RunManyAsync("login-check", 5, "availability");

        var result = await memory.Server.CallAsync("validate_playbook", new { playbook_id = "login-check" });
        var json = ToolCalls.Structured(result);

        await memory.Server.AssertMatchesOutputSchemaAsync("validate_playbook", json);
        Assert.True(json["valid"]!.GetValue<bool>());
        var warnings = json["history_warnings"]!.AsArray();
        Assert.Equal(["low_success_rate", "low_success_for_incident_type", "drop_retry_category"], warnings.Select(w => w!["kind"]!.GetValue<string>()));
        Assert.All(warnings, w => Assert.Equal("history", w!["source"]!.GetValue<string>()));
        Assert.Equal("From this playbook's history: retries on `authentication` never succeeded for `login` (0 of 5): drop it from retry_on.", warnings[2]!["message"]!.GetValue<string>());
        Assert.Equal("login", warnings[2]!["step_id"]!.GetValue<string>());
        Assert.Contains(
            "3 warnings from past runs (history_warnings); first: From this playbook's history: `login-check` succeeded in 0 of 5 runs",
            ToolCalls.Text(result),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePlaybook_YamlWhoseIdHasHistory_WarnsOnlyWhatStillApplies()
    {
        await using var memory = await MemoryServer.StartAsync();
        await memory.RunManyAsync("login-check", 5);
        var fixedYaml = MemoryPlaybooks.Login(memory.Scripts, retryOn: "network");

        var json = (await memory.Server.CallOkAsync("validate_playbook", new { yaml = fixedYaml })).AsNode();
        var fresh = (await memory.Server.CallOkAsync("validate_playbook", new { playbook_id = "fresh-login" })).AsNode();

        var warning = Assert.Single(json["history_warnings"]!.AsArray())!;
        Assert.Equal("From this playbook's history: `login-check` succeeded in 0 of 5 runs: read its error patterns and fix the failing steps before relying on it.", warning["message"]!.GetValue<string>());
        Assert.Empty(fresh["history_warnings"]!.AsArray());
    }

    [Fact]
    public async Task GetPlaybook_History_CountsFromTheMemory()
    {
        await using var memory = await MemoryServer.StartAsync();
        await memory.RunManyAsync("config-check", 4);

        var result = await memory.Server.CallAsync("get_playbook", new { playbook_id = "config-check" });
        var history = ToolCalls.Structured(result)["history"]!;

        Assert.Equal((4, 3, 1, 0, 0.75), (history["runs"]!.GetValue<int>(), history["completed"]!.GetValue<int>(), history["failed"]!.GetValue<int>(), history["active"]!.GetValue<int>(), history["success_rate"]!.GetValue<double>()));
        Assert.Equal("failed", history["last_status"]!.GetValue<string>());
        Assert.Equal(4, history["recent"]!.AsArray().Count);
        Assert.Contains("4 real runs, 75% completed.", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    private static string Ranking(JsonNode item) => new JsonObject
    {
        ["rank"] = item["rank"]!.DeepClone(),
        ["match"] = item["match"]!.DeepClone(),
        ["past_success"] = item["past_success"]!.DeepClone(),
        ["past"] = item["past"]!.DeepClone(),
    }.ToJsonString();
}
