using McpPlaybooks.Server.Tests.Mcp.Tools.Executions;
using ModelContextProtocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Schemas;

/// <summary>
/// A long name or id a caller sends (an unknown argument, an unknown input, a resource URI) comes back in an error as its
/// first 100 characters and "…", and thousands of bad names as ten lines and a count: an error never repeats them whole.
/// </summary>
public sealed class LongNameEchoTests
{
    [Fact]
    public async Task ListPlaybooks_UnknownArgumentNameOf3000Characters_ErrorRepeatsItsHeadOnly()
    {
        await using var server = await McpTestServer.StartAsync();
        var name = new string('Q', 3000);

        var error = await server.CallErrorAsync("list_playbooks", "{\"" + name + "\": 1}");

        Assert.Contains($"unknown argument '{name[..100]}…'", error, StringComparison.Ordinal);
        Assert.InRange(error.Length, 100, 400);
    }

    [Theory]
    [InlineData("plan_playbook")]
    [InlineData("execute_playbook")]
    public async Task StartingTools_UnknownInputNameOf5000Characters_ErrorRepeatsItsHeadOnly(string tool)
    {
        await using var server = await McpTestServer.StartAsync(TestPlaybooks.Options(("echo", TestPlaybooks.Echo)));
        var name = new string('Q', 5000);

        var error = await server.CallErrorAsync(tool, "{\"playbook_id\": \"echo\", \"inputs\": {\"" + name + "\": 1}}");

        Assert.Contains($"input '{name[..100]}…' is not declared by playbook 'echo'", error, StringComparison.Ordinal);
        Assert.InRange(error.Length, 100, 500);
    }

    [Fact]
    public async Task PlanPlaybook_ThousandUnknownInputs_ErrorListsTenAndCountsTheRest()
    {
        await using var server = await McpTestServer.StartAsync(TestPlaybooks.Options(("echo", TestPlaybooks.Echo)));
        var inputs = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"\"unknown-input-{i:D4}\": 1"));

        var error = await server.CallErrorAsync("plan_playbook", "{\"playbook_id\": \"echo\", \"inputs\": {" + inputs + "}}");

        Assert.Contains("\n- and 990 more problems\n", error, StringComparison.Ordinal);
        Assert.Equal(11, error.Split('\n').Count(line => line.StartsWith("- ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("playbook://")]
    [InlineData("execution://")]
    [InlineData("nothing://")]
    public async Task ReadResource_UriOf3000Characters_ErrorRepeatsItsHeadOnly(string scheme)
    {
        await using var server = await McpTestServer.StartAsync();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.ReadResourceAsync(scheme + new string('z', 3000)).AsTask());

        Assert.Contains(new string('z', 80), error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 50, 600);
    }
}
