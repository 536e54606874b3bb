using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;

namespace McpPlaybooks.Server.Tests.Mcp.Results;

/// <summary>
/// An execution's state as tools give it, written once: the same JSON as the state written whole, parsed into nodes,
/// bounded and stripped of its nulls (what the tools did before), and every field the schema declares.
/// </summary>
public sealed class ExecutionStateViewTests
{
    private static readonly string Long = new('x', OutputBounds.MaxString + 1);
    private static readonly DateTimeOffset At = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> States => ["running", "parked", "dry-run", "empty"];

    [Theory]
    [MemberData(nameof(States))]
    public void ToJsonText_AnyState_IsWhatTheNodePipelineGave(string name)
    {
        var state = State(name);

        var written = JsonNode.Parse(ExecutionStateView.ToJsonText(state, "a note"));

        var expected = ThroughNodes(state, "a note");
        Assert.True(JsonNode.DeepEquals(expected, written), $"expected {expected.ToJsonString()}\nwritten  {written!.ToJsonString()}");
    }

    [Fact]
    public void ToJsonText_ParkedState_LeavesOutWhatHasNoValueAndKeepsNullsInsideData()
    {
        var json = JsonNode.Parse(ExecutionStateView.ToJsonText(State("parked")))!.AsObject();

        Assert.False(json.ContainsKey("ended_at"));
        Assert.False(json.ContainsKey("error"));
        Assert.False(json.ContainsKey("note"));
        var waiting = json["steps"]![1]!.AsObject();
        Assert.False(waiting.ContainsKey("output"));
        Assert.False(waiting.ContainsKey("started_at"));
        Assert.True(json["steps"]![0]!["output"]!.AsObject().ContainsKey("none"));
        var decisions = json["pending_approvals"]![0]!["decisions"]!.AsArray();
        Assert.Equal(OutputBounds.MaxEcho + 1, decisions[0]!["comment"]!.GetValue<string>().Length);
        Assert.False(decisions[1]!.AsObject().ContainsKey("comment"));
        Assert.Contains("characters omitted here", json["steps"]![0]!["output"]!["stdout"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AValueWithinTheBounds_IsWrittenAsItIs()
    {
        var value = Value.From([KeyValuePair.Create("a", Value.From(new string('é', OutputBounds.MaxString))), KeyValuePair.Create("n", Value.Null)]);

        Assert.False(OutputBounds.Exceeds(value));
        Assert.Equal(value.ToJson(), Written(value));
    }

    [Fact]
    public void Write_AValuePastTheBounds_IsWhatBoundingItsNodeGives()
    {
        var items = Value.From([.. Enumerable.Range(0, OutputBounds.MaxItems + 3).Select(i => Value.From(i))]);
        var value = Value.From([KeyValuePair.Create("items", items), KeyValuePair.Create("deep", Value.From([Value.From(Long)]))]);

        Assert.True(OutputBounds.Exceeds(value));
        Assert.True(OutputBounds.Exceeds(items));
        Assert.True(JsonNode.DeepEquals(OutputBounds.Bound(JsonNode.Parse(value.ToJson())), JsonNode.Parse(Written(value))));
    }

    private static string Written(Value value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ToolResult.Compact))
        {
            OutputBounds.Write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The oracle: the state written whole, parsed, bounded where it is data, and its nulls taken out by the schema.</summary>
    private static JsonObject ThroughNodes(ExecutionState state, string note)
    {
        var json = JsonNode.Parse(ExecutionStateJson.ToJson(state))!.AsObject();
        foreach (var step in json["steps"]!.AsArray().OfType<JsonObject>())
        {
            Bound(step, "output");
            BoundPlan(step["plan"] as JsonObject);
        }

        foreach (var call in json["finally"]!.AsArray().OfType<JsonObject>())
        {
            BoundPlan(call["plan"] as JsonObject);
        }

        foreach (var gate in json["pending_approvals"]!.AsArray().OfType<JsonObject>())
        {
            BoundComments(gate);
        }

        Bound(json, "outputs");
        json["note"] = note;
        StructuredNulls.Remove(json, ExecutionStateView.Nulls);
        return json;
    }

    private static void Bound(JsonObject parent, string name)
    {
        if (parent[name] is { } node && OutputBounds.Exceeds(node))
        {
            parent[name] = OutputBounds.Bound(node.DeepClone());
        }
    }

    private static void BoundPlan(JsonObject? plan)
    {
        if (plan is not null)
        {
            Bound(plan, "arguments");
            if (plan["gate"] is JsonObject gate)
            {
                BoundComments(gate);
            }
        }
    }

    private static void BoundComments(JsonObject gate)
    {
        foreach (var decision in gate["decisions"]!.AsArray().OfType<JsonObject>())
        {
            if (decision["comment"]?.GetValue<string>() is { } comment)
            {
                decision["comment"] = OutputBounds.Echo(comment);
            }
        }
    }

    private static ExecutionState State(string name)
    {
        var gate = new PendingApproval
        {
            StepId = "restart",
            Message = "Restart?",
            Approvers = ["alice"],
            Decisions =
            [
                new ApprovalDecision("bob", true, At, new string('c', 300), ApprovalChannel.Cli),
                new ApprovalDecision("carol", false, At, null, ApprovalChannel.Assistant),
            ],
            ExpiresAt = name == "parked" ? null : At,
        };
        var plan = new StepPlan
        {
            WouldRun = true,
            Action = "shell",
            Description = ["runs it"],
            Arguments = Value.From([KeyValuePair.Create("command", Value.From([Value.From("echo"), Value.From(Long)]))]),
            Gate = gate,
            Notes = ["a note"],
        };
        var output = Value.From([KeyValuePair.Create("stdout", Value.From(Long)), KeyValuePair.Create("none", Value.Null)]);
        return name switch
        {
            "empty" => new ExecutionState { ExecutionId = "ex-0", PlaybookId = "p", PlaybookVersion = "1.0.0", Status = ExecutionStatus.Pending },
            _ => new ExecutionState
            {
                ExecutionId = "ex-1",
                PlaybookId = "p",
                PlaybookVersion = "1.0.0",
                Status = name == "parked" ? ExecutionStatus.WaitingApproval : ExecutionStatus.Running,
                DryRun = name == "dry-run",
                StartedAt = At,
                Error = name == "running" ? new StepError(ErrorCategory.Network, "flaky") : null,
                Steps =
                [
                    new StepState { Id = "check", Status = StepStatus.Completed, Attempts = 1, StartedAt = At, EndedAt = At, Output = output },
                    new StepState { Id = "restart", Status = StepStatus.Pending, Plan = name == "dry-run" ? plan : null },
                ],
                Finally = [new FinallyResult { Id = "notify", Action = "log", Status = StepStatus.Skipped, Plan = plan }],
                WouldFail = name == "dry-run" ? ["secrets.X is not set"] : [],
                PendingApprovals = name == "parked" ? [gate] : [],
                Outputs = Value.From([KeyValuePair.Create("report", Value.From(Long)), KeyValuePair.Create("gone", Value.Null)]),
                NextActions =
                [
                    new NextAction("approve_step", Value.From([KeyValuePair.Create("execution_id", Value.From("ex-1")), KeyValuePair.Create("step_id", Value.From("restart"))]), "decide"),
                    new NextAction("get_execution_logs", Value.From([KeyValuePair.Create("execution_id", Value.From("ex-1"))]), "read"),
                ],
            },
        };
    }
}
