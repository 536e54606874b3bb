using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary><c>validate_playbook</c> through a real client: by id or text, diagnostics with locations, and bad arguments.</summary>
public sealed class ValidatePlaybookToolTests
{
    private static McpTestServerOptions Options => new() { Playbooks = CatalogPlaybooks.Files() };

    [Fact]
    public async Task ValidatePlaybook_ValidYaml_ValidWithNoWarnings()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("validate_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0") });
        var json = ToolCalls.Structured(result);

        Assert.Equal("valid, no warnings.", ToolCalls.Text(result));
        await server.AssertMatchesOutputSchemaAsync("validate_playbook", json);
        Assert.Equal(
            """{"valid":true,"source":"playbook.yaml","playbook_id":"fresh-check","version":"1.0.0","error_count":0,"warning_count":0,"diagnostics":[],"history_warnings":[]}""",
            json.ToJsonString());
    }

    [Fact]
    public async Task ValidatePlaybook_YamlReadingASecretNotSet_WarnsPB1007AtItsFirstUse()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("validate_playbook", new { yaml = TestPlaybooks.ReadsASecret.Replace("API_TOKEN", "MCPP_TEST_UNSET_SECRET", StringComparison.Ordinal) });
        var json = ToolCalls.Structured(result);

        Assert.True(json["valid"]!.GetValue<bool>());
        var warning = Assert.Single(json["diagnostics"]!.AsArray())!;
        Assert.Equal("PB1007", warning["code"]!.GetValue<string>());
        Assert.Equal("secrets.MCPP_TEST_UNSET_SECRET is not set: PLAYBOOK_SECRET_MCPP_TEST_UNSET_SECRET or the secrets file", warning["message"]!.GetValue<string>());
        Assert.Equal("8:26", $"{warning["line"]}:{warning["column"]}");
    }

    [Fact]
    public async Task ValidatePlaybook_YamlWithoutTimeouts_ValidWithWarningsLocated()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("validate_playbook", new { yaml = TestPlaybooks.Valid });
        var json = ToolCalls.Structured(result);

        Assert.True(json["valid"]!.GetValue<bool>());
        Assert.Equal("valid, 1 warning.", ToolCalls.Text(result));
        var warning = Assert.Single(json["diagnostics"]!.AsArray())!;
        Assert.Equal("warning", warning["severity"]!.GetValue<string>());
        Assert.Equal("PB1003", warning["code"]!.GetValue<string>());
        Assert.Equal("5:1", $"{warning["line"]}:{warning["column"]}");
        Assert.False(string.IsNullOrEmpty(warning["fix"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ValidatePlaybook_YamlWithAnError_InvalidWithLineColumnCodeAndFix()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("validate_playbook", new { yaml = TestPlaybooks.WithTypoInNeeds });
        var json = ToolCalls.Structured(result);

        Assert.False(json["valid"]!.GetValue<bool>());
        Assert.Equal(1, json["error_count"]!.GetValue<int>());
        var error = json["diagnostics"]!.AsArray().First(d => d!["severity"]!.GetValue<string>() == "error")!;
        Assert.Equal(11, error["line"]!.GetValue<int>());
        Assert.Equal(9, error["column"]!.GetValue<int>());
        Assert.Equal("steps[1].needs[0]", error["path"]!.GetValue<string>());
        Assert.Contains("check", error["fix"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith($"1 error; first: line 11, column 9: {error["code"]!.GetValue<string>()} ", ToolCalls.Text(result), StringComparison.Ordinal);
        Assert.EndsWith("Fix the errors and validate again.", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePlaybook_CatalogueId_ValidatesItsFile()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var json = (await server.CallOkAsync("validate_playbook", """{"playbook_id":"restart-service","version":"1.0.0"}""")).AsNode();

        Assert.True(json["valid"]!.GetValue<bool>());
        Assert.Equal("1.0.0", json["version"]!.GetValue<string>());
        Assert.Equal(Path.Combine(server.PlaybookDirectory, "restart-1.0.0.yaml"), json["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task ValidatePlaybook_IdOfAFileLeftOut_ReportsItsErrors()
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var result = await server.CallAsync("validate_playbook", """{"playbook_id":"broken-one"}""");
        var json = ToolCalls.Structured(result);

        Assert.False(json["valid"]!.GetValue<bool>());
        Assert.StartsWith("1 error; first: line 4, column 1: PB0", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePlaybook_ManyErrors_FirstFiftyListedAndTheRestCounted()
    {
        var steps = string.Concat(Enumerable.Range(1, 60).Select(i => $"  - id: s{i}\n    action: log\n    timeout: 1s\n    colour: {i}\n    with: {{ message: m }}\n"));
        await using var server = await McpTestServer.StartAsync(Options);

        var json = (await server.CallOkAsync("validate_playbook", new { yaml = $"id: many\nname: Many\nversion: 1.0.0\ntimeout: 1m\nsteps:\n{steps}" })).AsNode();

        Assert.Equal(60, json["error_count"]!.GetValue<int>());
        Assert.Equal(50, json["diagnostics"]!.AsArray().Count);
        Assert.Equal(10, json["omitted"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{}""", "give playbook_id (a playbook of list_playbooks) or yaml (a playbook's text), not neither")]
    [InlineData("""{"playbook_id":"restart-service","yaml":"id: x"}""", "give playbook_id or yaml, not both")]
    [InlineData("""{"yaml":"id: x","version":"1.0.0"}""", "version goes with playbook_id")]
    [InlineData("""{"playbook_id":"clear-disc"}""", "did you mean 'clear-disk'? Call list_playbooks")]
    [InlineData("""{"playbook_id":"clear-disk","version":"1.0.0"}""", "its versions are 2.0.0.")]
    [InlineData("""{"yml":"id: x"}""", "unknown argument 'yml': did you mean 'yaml'?")]
    [InlineData("""{"yaml":{"id":"x"}}""", "'yaml' must be a string, got an object")]
    public async Task ValidatePlaybook_BadArguments_ErrorSaysWhatToDo(string arguments, string expected)
    {
        await using var server = await McpTestServer.StartAsync(Options);

        var message = await server.CallErrorAsync("validate_playbook", arguments);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
