using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Server.Tests.Mcp.Tools.Executions;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Schemas;

/// <summary>
/// Every string argument of every tool is bounded in its input schema and checked: a huge value is refused with a short
/// message naming the argument and the limit, and a long value that is accepted is never repeated whole in a result.
/// </summary>
public sealed class HugeArgumentTests
{
    private const int Huge = 1_000_000;

    [Fact]
    public async Task ToolsList_EveryStringArgument_HasAMaxLength()
    {
        await using var server = await McpTestServer.StartAsync();

        var unbounded = new List<string>();
        foreach (var tool in await server.Client.ListToolsAsync())
        {
            foreach (var (name, property) in Properties(tool.ProtocolTool))
            {
                var type = property["type"]!.GetValue<string>();
                var bounded = type switch
                {
                    "string" => property["maxLength"] is not null || property["enum"] is not null,
                    "array" => property["items"]?["maxLength"] is not null,
                    _ => true,
                };
                if (!bounded)
                {
                    unbounded.Add($"{tool.Name}.{name}");
                }
            }
        }

        Assert.Empty(unbounded);
    }

    [Fact]
    public async Task EveryTool_AHugeStringOrObjectArgument_IsRefusedNamingItsLimit()
    {
        await using var server = await McpTestServer.StartAsync(TestPlaybooks.Options(("echo", TestPlaybooks.Echo)));

        var checkedArguments = 0;
        foreach (var tool in await server.Client.ListToolsAsync())
        {
            foreach (var (name, property) in Properties(tool.ProtocolTool))
            {
                object? value = property["type"]!.GetValue<string>() switch
                {
                    "string" => new string('x', Huge),
                    "array" => new[] { new string('x', Huge) },
                    "object" => new Dictionary<string, string> { ["big"] = new string('x', Huge) },
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                var result = await server.CallAsync(tool.Name, new Dictionary<string, object> { [name] = value });

                var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
                Assert.True(result.IsError, $"{tool.Name}.{name}: a huge value was accepted");
                Assert.Null(result.StructuredContent);
                Assert.Contains($"'{name}'", text, StringComparison.Ordinal);
                Assert.Matches(@"at most \d+", text);
                Assert.True(text.Length < 2_000, $"{tool.Name}.{name}: the error is {text.Length} characters");
                checkedArguments++;
            }
        }

        Assert.True(checkedArguments > 40, $"only {checkedArguments} arguments were tried");
    }

    [Fact]
    public async Task ApproveStep_LongestApproverAndComment_ResultRepeatsAtMostAHundredCharacters()
    {
        await using var server = await McpTestServer.StartAsync(TestPlaybooks.Options(("gated", TestPlaybooks.Gated)) with { AcceptAssistantApprovals = true });
        var gated = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });
        var approver = "a" + new string('p', 99);
        var comment = new string('c', 1000);

        var result = await server.CallAsync("approve_step", new { execution_id = gated.Str("execution_id"), step_id = "risky", decision = "reject", approver, comment });
        var tooLong = await server.CallAsync("approve_step", new { execution_id = gated.Str("execution_id"), step_id = "risky", decision = "reject", approver = approver + "p" });
        await server.SettledAsync(gated.Str("execution_id"));
        var later = await server.CallAsync("get_execution", new { execution_id = gated.Str("execution_id") });

        Assert.False(result.IsError is true, ToolCalls.Text(result));
        var all = ToolCalls.Text(result) + result.StructuredContent!.Value.GetRawText() + ToolCalls.Text(later) + later.StructuredContent!.Value.GetRawText();
        Assert.DoesNotContain(new string('c', 101), all, StringComparison.Ordinal);
        Assert.True(tooLong.IsError);
        Assert.Contains("'approver' is 101 characters long; at most 100 are accepted", ToolCalls.Text(tooLong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordLearning_LongNote_ResultRepeatsAtMostAHundredCharacters()
    {
        await using var server = await McpTestServer.StartAsync();

        var note = await server.CallOkAsync("record_learning", new { text = new string('n', 4000) });

        Assert.DoesNotContain(new string('n', 101), note.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith(new string('n', 100), note.Str("text"), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, JsonObject Property)> Properties(Tool tool) =>
        JsonNode.Parse(tool.InputSchema.GetRawText())!["properties"]!.AsObject().Select(p => (p.Key, p.Value!.AsObject()));
}
