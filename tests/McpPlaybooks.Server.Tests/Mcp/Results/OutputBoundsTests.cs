using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Server.Mcp.Results;

namespace McpPlaybooks.Server.Tests.Mcp.Results;

/// <summary>
/// What results show of a step's output: bounded where it is long, and left as it is, without a copy, where it is not
/// (the usual case, on every get_execution).
/// </summary>
public sealed class OutputBoundsTests
{
    private static readonly string Longest = new('a', OutputBounds.MaxString);

    [Fact]
    public void Bound_NothingPastTheBounds_ReturnsTheSameNodeUncopied()
    {
        // A string whose JSON text is longer than the bound while the string is not: multi-byte characters and escapes.
        var wide = new string('é', 1500);
        var escaped = string.Concat(Enumerable.Repeat("\n\"", 700));
        var node = new JsonObject
        {
            ["stdout"] = Longest,
            ["lines"] = new JsonArray([.. Enumerable.Range(1, OutputBounds.MaxItems).Select(i => (JsonNode)i)]),
            ["nested"] = new JsonObject { ["wide"] = wide, ["escaped"] = escaped, ["ok"] = true, ["n"] = 1.5, ["none"] = null },
        };
        var parsed = JsonNode.Parse(node.ToJsonString());

        Assert.Same(node, OutputBounds.Bound(node));
        Assert.Same(parsed, OutputBounds.Bound(parsed));
        Assert.False(OutputBounds.Exceeds(parsed));
        Assert.Equal(node.ToJsonString(), parsed!.ToJsonString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bound_ALongStringDeepInside_CutsItAndKeepsEverythingElse(bool parsed)
    {
        var original = new JsonObject
        {
            ["exit_code"] = 0,
            ["deep"] = new JsonArray(new JsonObject { ["stdout"] = Longest + "b", ["stderr"] = "short" }),
        };
        var node = parsed ? JsonNode.Parse(original.ToJsonString())! : original;

        var bounded = OutputBounds.Bound(node)!;

        Assert.NotSame(node, bounded);
        var stdout = bounded["deep"]![0]!["stdout"]!.GetValue<string>();
        Assert.StartsWith(new string('a', OutputBounds.HeadChars) + "\n…[", stdout, StringComparison.Ordinal);
        Assert.Contains("characters omitted here", stdout, StringComparison.Ordinal);
        Assert.Equal("short", bounded["deep"]![0]!["stderr"]!.GetValue<string>());
        Assert.Equal(0, bounded["exit_code"]!.GetValue<int>());
        Assert.Equal(Longest + "b", node["deep"]![0]!["stdout"]!.GetValue<string>());
    }

    [Fact]
    public void Bound_ALongArray_KeepsTheFirstItemsAndCountsTheRest()
    {
        var node = JsonNode.Parse("[" + string.Join(",", Enumerable.Range(1, OutputBounds.MaxItems + 7)) + "]");

        var bounded = OutputBounds.Bound(node)!.AsArray();

        Assert.Equal(OutputBounds.MaxItems + 1, bounded.Count);
        Assert.Equal(OutputBounds.MaxItems, bounded[OutputBounds.MaxItems - 1]!.GetValue<int>());
        Assert.Equal("…[7 more items omitted]", bounded[OutputBounds.MaxItems]!.GetValue<string>());
    }

    [Fact]
    public void ExecutionStateView_BoundsOutputsArgumentsAndResultsPastTheBoundsAndLeavesTheOthers()
    {
        var state = new ExecutionState
        {
            ExecutionId = "ex-1",
            PlaybookId = "p",
            PlaybookVersion = "1.0.0",
            Status = ExecutionStatus.Completed,
            Steps =
            [
                new StepState { Id = "long", Status = StepStatus.Completed, Output = Value.From([KeyValuePair.Create("stdout", Value.From(Longest + "b"))]) },
                new StepState
                {
                    Id = "short",
                    Status = StepStatus.Completed,
                    Output = Value.From([KeyValuePair.Create("stdout", Value.From("ok"))]),
                    Plan = new StepPlan { WouldRun = true, Action = "log", Arguments = Value.From([KeyValuePair.Create("message", Value.From(Longest + "c"))]) },
                },
            ],
            Outputs = Value.From([KeyValuePair.Create("report", Value.From(Longest + "d")), KeyValuePair.Create("count", Value.From(3))]),
        };

        var json = System.Text.Json.Nodes.JsonNode.Parse(ExecutionStateView.ToJsonText(state))!;

        var steps = json["steps"]!.AsArray();
        Assert.Contains("characters omitted here", steps[0]!["output"]!["stdout"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ok", steps[1]!["output"]!["stdout"]!.GetValue<string>());
        Assert.Contains("characters omitted here", steps[1]!["plan"]!["arguments"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("characters omitted here", json["outputs"]!["report"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, json["outputs"]!["count"]!.GetValue<int>());
        Assert.DoesNotContain(Longest, json.ToJsonString(), StringComparison.Ordinal);
    }
}
