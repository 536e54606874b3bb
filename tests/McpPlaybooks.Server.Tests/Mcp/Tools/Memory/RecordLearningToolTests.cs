namespace McpPlaybooks.Server.Tests.Mcp.Tools.Memory;

/// <summary><c>record_learning</c> through a real client: stored by the caller's identity, found by its words, bad arguments refused.</summary>
public sealed class RecordLearningToolTests
{
    [Fact]
    public async Task RecordLearning_ThenGetInsightsWithAWordOfIt_FindsTheNote()
    {
        await using var memory = await MemoryServer.StartAsync();

        var result = await memory.Server.CallAsync("record_learning", new
        {
            text = "The login failures came from an expired LDAP bind password; rotating it fixed them.",
            tags = new[] { "ldap", "root-cause" },
            playbook_id = "login-check",
        });
        var note = ToolCalls.Structured(result);
        var insights = (await memory.Server.CallOkAsync("get_insights", new { query = "ldap password" })).AsNode();

        await memory.Server.AssertMatchesOutputSchemaAsync("record_learning", note);
        var id = note["note_id"]!.GetValue<string>();
        Assert.StartsWith("note-", id, StringComparison.Ordinal);
        Assert.Equal("mcp:" + MemoryServer.ClientName, note["author"]!.GetValue<string>());
        Assert.Equal("""["ldap","root-cause"]""", note["tags"]!.ToJsonString());
        Assert.Equal($"Stored note {id} about login-check (tags: ldap, root-cause). get_insights with query finds it by its words.", ToolCalls.Text(result));
        var hit = Assert.Single(insights["search"]!.AsArray())!;
        Assert.Equal(("note", id, "login-check"), (hit["kind"]!.GetValue<string>(), hit["id"]!.GetValue<string>(), hit["playbook_id"]!.GetValue<string>()));
        Assert.Contains("[LDAP] bind [password]", hit["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("data recorded", insights["note"]!.GetValue<string>()[43..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordLearning_ExecutionIdAlone_TakesItsPlaybook()
    {
        await using var memory = await MemoryServer.StartAsync();
        var run = await memory.RunAsync("config-check", 4);

        var note = (await memory.Server.CallOkAsync("record_learning", new { text = "Run 4 always trips on its config.", execution_id = run.ExecutionId })).AsNode();
        var mismatch = await memory.Server.CallErrorAsync("record_learning", new { text = "x", execution_id = run.ExecutionId, playbook_id = "login-check" });

        Assert.Equal(("config-check", run.ExecutionId), (note["playbook_id"]!.GetValue<string>(), note["execution_id"]!.GetValue<string>()));
        Assert.Equal($"execution '{run.ExecutionId}' ran playbook 'config-check', not 'login-check'. Call record_learning again with playbook_id 'config-check', or without playbook_id.", mismatch);
    }

    [Theory]
    [InlineData("""{"text":"x","tags":["DNS!"]}""", "bad tag 'DNS!': a tag is 1 to 50 characters of a-z, 0-9, '-', '_' and '.', such as 'dns', 'root-cause' or 'k8s.pods'.")]
    [InlineData("""{"text":"x","tags":["a","b","c","d","e","f","g","h","i","j","k"]}""", "'tags' has 11 tags; at most 10 are kept.")]
    [InlineData("""{"text":"x","execution_id":"exec-nope"}""", "no execution 'exec-nope'")]
    [InlineData("""{"text":"x","playbook_id":"login-chek"}""", "no playbook 'login-chek' in the catalogue or the memory; did you mean 'login-check'?")]
    [InlineData("""{"text":"x","playbook_id":"nothing-like-it"}""", "Call record_learning again with one of them as playbook_id, with the execution_id the note comes from (the note takes its playbook), or with neither for a note about no one playbook.")]
    [InlineData("""{"tags":["dns"]}""", "'text' is required: The note")]
    [InlineData("""{"text":"   x   ","tags":"dns"}""", "'tags' must be an array of strings, got the string \"dns\"")]
    public async Task RecordLearning_BadArguments_ErrorSaysWhatToFix(string arguments, string expected)
    {
        await using var memory = await MemoryServer.StartAsync();

        var message = await memory.Server.CallErrorAsync("record_learning", arguments);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordLearning_TextWithAConfiguredSecret_StoredAndFoundAsMasked()
    {
        const string Secret = "Zq9-bindpass-hunter77";
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Environment = new Dictionary<string, string> { ["PLAYBOOK_SECRET_LDAP_BIND"] = Secret },
        });

        var note = (await server.CallOkAsync("record_learning", new { text = $"The bind password {Secret} had expired.", tags = new[] { "ldap" } })).AsNode();
        var insights = await server.CallAsync("get_insights", new { query = "bind password expired" });
        var bySecret = ToolCalls.Structured(await server.CallAsync("get_insights", new { query = Secret }));

        Assert.Equal("The bind password *** had expired.", note["text"]!.GetValue<string>());
        var hit = Assert.Single(ToolCalls.Structured(insights)["search"]!.AsArray())!;
        Assert.Contains("*** had", hit["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ToolCalls.Text(insights) + ToolCalls.Structured(insights).ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(bySecret["search"]!.AsArray());
    }

    [Fact]
    public async Task RecordLearning_TextOverTheLimit_RefusedByTheDeclaredMaximum()
    {
        await using var memory = await MemoryServer.StartAsync();

        var message = await memory.Server.CallErrorAsync("record_learning", new { text = new string('a', 4001) });

        Assert.Contains("'text' is 4001 characters long; at most 4000 are accepted", message, StringComparison.Ordinal);
    }
}
