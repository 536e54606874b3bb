using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary><c>save_playbook</c> through a real client: new versions as drafts, idempotent saves, conflicts, the lifecycle.</summary>
public sealed class SavePlaybookToolTests
{
    private static McpTestServerOptions Options => new() { Playbooks = CatalogPlaybooks.Files() };

    [Fact]
    public async Task SavePlaybook_NewYaml_WrittenAsADraftAndListed()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        var yaml = CatalogPlaybooks.Fresh("1.0.0");

        var result = await server.CallAsync("save_playbook", new { yaml });
        var json = ToolCalls.Structured(result);

        var path = Path.Combine(server.DataDirectory, "playbooks", "fresh-check@1.0.0.yaml");
        Assert.Equal(
            JsonSerializer.Serialize(new { playbook_id = "fresh-check", version = "1.0.0", status = "draft", path, created = true, unchanged = false, warnings = Array.Empty<string>() }),
            json.ToJsonString());
        await server.AssertMatchesOutputSchemaAsync("save_playbook", json);
        Assert.Equal(
            $"Saved fresh-check 1.0.0 as draft to {path}. Next: dry-run it with plan_playbook, then publish with save_playbook status=active.",
            ToolCalls.Text(result));
        Assert.Equal(yaml, await File.ReadAllTextAsync(path));
        var listed = (await server.CallOkAsync("list_playbooks", """{"tag":"new"}""")).AsNode();
        var item = Assert.Single(listed["playbooks"]!.AsArray())!;
        Assert.Equal("fresh-check", item["playbook_id"]!.GetValue<string>());
        Assert.Equal("draft", item["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SavePlaybook_SameYamlTwice_SecondIsUnchanged()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        var arguments = new { yaml = CatalogPlaybooks.Fresh("1.0.0") };
        await server.CallOkAsync("save_playbook", arguments);

        var result = await server.CallAsync("save_playbook", arguments);
        var json = ToolCalls.Structured(result);

        Assert.False(json["created"]!.GetValue<bool>());
        Assert.True(json["unchanged"]!.GetValue<bool>());
        Assert.Equal("draft", json["status"]!.GetValue<string>());
        Assert.StartsWith("fresh-check 1.0.0 is already saved with this very text (draft); nothing changed.", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavePlaybook_SameVersionOtherText_RefusedVersionsAreImmutable()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        await server.CallOkAsync("save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0") });

        var message = await server.CallErrorAsync("save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0", "changed") });

        Assert.Contains("playbook fresh-check version 1.0.0 exists with another text", message, StringComparison.Ordinal);
        Assert.Contains("versions are immutable; bump `version` in the yaml, the latest is 1.0.0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavePlaybook_InvalidYaml_RefusedWithLineColumnCodeAndFix()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var message = await server.CallErrorAsync("save_playbook", new { yaml = TestPlaybooks.WithTypoInNeeds });

        Assert.StartsWith("the playbook has 1 error and was not saved:\n- 11:9 PB0", message, StringComparison.Ordinal);
        Assert.Contains("(fix: ", message, StringComparison.Ordinal);
        Assert.EndsWith("then call save_playbook again.", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "playbooks")) && Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "playbooks")).Any());
    }

    [Fact]
    public async Task SavePlaybook_DraftThenActive_OnlyTheActiveVersionRunsForReal()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        await server.CallOkAsync("save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0") });

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => server.RunAsync("fresh-check"));
        Assert.Equal(RefusalKind.PlaybookNotRunnable, refusal.Kind);
        Assert.Equal(ExecutionStatus.Completed, (await server.RunAsync("fresh-check", dryRun: true)).Status);

        var result = await server.CallAsync("save_playbook", """{"playbook_id":"fresh-check","status":"active"}""");

        Assert.Equal("fresh-check 1.0.0 moved from draft to active. It now runs for real with execute_playbook.", ToolCalls.Text(result));
        Assert.Equal("active", ToolCalls.Structured(result)["status"]!.GetValue<string>());
        Assert.Equal(ExecutionStatus.Completed, (await server.RunAsync("fresh-check")).Status);
    }

    [Fact]
    public async Task SavePlaybook_PublishANewerVersion_TheActiveOneBecomesDeprecated()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        await server.CallOkAsync("save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0"), status = "active" });
        await server.CallOkAsync("save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.1.0", "newer") });

        var result = await server.CallAsync("save_playbook", """{"playbook_id":"fresh-check","version":"1.1.0","status":"active"}""");

        Assert.Equal("fresh-check 1.1.0 moved from draft to active. Version 1.0.0 became deprecated. It now runs for real with execute_playbook.", ToolCalls.Text(result));
        var versions = (await server.CallOkAsync("get_playbook", """{"playbook_id":"fresh-check"}""")).AsNode()["versions"]!.ToJsonString();
        Assert.Equal("""[{"version":"1.1.0","status":"active"},{"version":"1.0.0","status":"deprecated"}]""", versions);
    }

    [Fact]
    public async Task SavePlaybook_PublishOverAFileNeverGivenAStatus_TheFileVersionBecomesDeprecated()
    {
        // A file in a playbook folder counts as active without any record; publishing a saved version must still leave one active.
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions { Playbooks = new Dictionary<string, string> { ["fresh.yaml"] = CatalogPlaybooks.Fresh("1.0.0") } });

        var result = await server.CallAsync("save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.1.0", "newer"), status = "active" });

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        var versions = (await server.CallOkAsync("get_playbook", """{"playbook_id":"fresh-check"}""")).AsNode()["versions"]!.ToJsonString();
        Assert.Equal("""[{"version":"1.1.0","status":"active"},{"version":"1.0.0","status":"deprecated"}]""", versions);
    }

    [Fact]
    public async Task SavePlaybook_SavedYamlAgainWithStatus_MovesTheVersion()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        var yaml = CatalogPlaybooks.Fresh("1.0.0");
        await server.CallOkAsync("save_playbook", new { yaml });

        var json = (await server.CallOkAsync("save_playbook", new { yaml, status = "active" })).AsNode();

        Assert.Equal("active", json["status"]!.GetValue<string>());
        Assert.False(json["unchanged"]!.GetValue<bool>());
        Assert.False(json["created"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SavePlaybook_ArchivedToActive_RefusedArchivedIsFinal()
    {
        await using var server = await McpTestServer.StartAsync(Options);
        await server.CallOkAsync("save_playbook", """{"playbook_id":"clear-disk","status":"archived"}""");

        var message = await server.CallErrorAsync("save_playbook", """{"playbook_id":"clear-disk","status":"active"}""");

        Assert.StartsWith("refused: cannot move playbook clear-disk version 2.0.0 from archived to active: archived is final", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavePlaybook_SameStatusAgain_Unchanged()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("save_playbook", """{"playbook_id":"clear-disk","status":"active"}""");

        Assert.True(ToolCalls.Structured(result)["unchanged"]!.GetValue<bool>());
        Assert.Equal("clear-disk 2.0.0 is already active; nothing changed.", ToolCalls.Text(result));
    }

    [Theory]
    [InlineData("""{}""", "save_playbook needs either yaml")]
    [InlineData("""{"playbook_id":"clear-disk"}""", "or playbook_id and status (draft, active, deprecated or archived)")]
    [InlineData("""{"playbook_id":"clear-disk","status":"published"}""", "'status' must be one of draft, active, deprecated, archived; got 'published'")]
    [InlineData("""{"playbook_id":"clear-dsk","status":"active"}""", "no playbook 'clear-dsk' in the catalogue; did you mean 'clear-disk'?")]
    [InlineData("""{"playbook_id":"clear-disk","version":"3.0.0","status":"active"}""", "its versions are 2.0.0.")]
    [InlineData("""{"yaml":"id: x","stauts":"active"}""", "unknown argument 'stauts': did you mean 'status'?")]
    [InlineData("""{"yaml":true}""", "'yaml' must be a string, got the boolean true")]
    public async Task SavePlaybook_BadArguments_ErrorSaysWhatToDo(string arguments, string expected)
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var message = await server.CallErrorAsync("save_playbook", arguments);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavePlaybook_PlaybookIdBesideYamlDisagrees_Refused()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var message = await server.CallErrorAsync("save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0"), playbook_id = "other" });

        Assert.StartsWith("playbook_id 'other' does not match the yaml's id 'fresh-check'", message, StringComparison.Ordinal);
    }
}
