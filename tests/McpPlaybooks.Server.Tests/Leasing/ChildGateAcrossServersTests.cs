using System.Text.Json.Nodes;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>
/// Two real servers on one database; A runs a parent whose <c>playbook</c> step waits for a child parked at its gate. Server
/// B shows the child's gate in the parent as A does, a start of the same run with <c>wait_seconds</c> on B returns with it,
/// and approve_step on B through the parent's id decides it once, on A. Before, B showed no gate, waited out the start's
/// whole wait, and refused the decision ("has no step 'c2'").
/// </summary>
public sealed class ChildGateAcrossServersTests
{
    private const int LeaseMs = 30_000;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private const string Child = """
        id: across-child
        name: Child with a gate
        version: 1.0.0
        steps:
          - id: c2
            approval: { message: "Go on?", approvers: [assistant] }
            action: set
            with: { done: true }
        """;

    private const string Parent = """
        id: across-parent
        name: Parent of a gated child
        version: 1.0.0
        steps:
          - id: call
            action: playbook
            with: { id: across-child }
        """;

    [Theory]
    [MemberData(nameof(ClusterDatabase.Stores), MemberType = typeof(ClusterDatabase))]
    public async Task OtherServer_ParentWaitingForItsParkedChild_ShowsWaitsAndDecidesTheChildsGateAsTheOwner(string store)
    {
        using var root = new TempDirectory();
        await using var database = await ClusterDatabase.CreateAsync(root.Path, store);
        root.Write("playbooks/across-child.yaml", Child);
        var playbooks = Path.GetDirectoryName(root.Write("playbooks/across-parent.yaml", Parent))!;
        await using var a = await ServeNode.StartAsync(database, playbooks, LeaseMs);
        await using var b = await ServeNode.StartAsync(database, playbooks, LeaseMs);
        var started = await a.CallAsync("execute_playbook", new() { ["playbook_id"] = "across-parent", ["wait_seconds"] = 30 });
        var parent = (string)started["execution_id"]!;
        var owners = Gates(started);

        var shown = await b.CallAsync("get_execution", new() { ["execution_id"] = parent });
        var again = await b.CallAsync("execute_playbook", new() { ["playbook_id"] = "across-parent", ["wait_seconds"] = 30 });
        var decided = await b.CallAsync("approve_step", new() { ["execution_id"] = parent, ["step_id"] = "c2", ["decision"] = "approve" });
        var done = await Until.TrueAsync(
            () => b.CallAsync("get_execution", new() { ["execution_id"] = parent }), s => (string?)s["status"] == "completed", Bound, "the parent completes");

        var gate = Assert.Single(owners);
        Assert.Equal("running", (string?)started["status"]);
        Assert.Equal("c2", (string?)gate!["step_id"]);
        Assert.Equal("Go on?", (string?)gate["message"]);
        Assert.NotEqual(parent, (string?)gate["execution_id"]);
        Assert.Equal(Shown(owners), Shown(Gates(shown)));
        Assert.Equal((parent, "running"), ((string)again["execution_id"]!, (string?)again["status"]));
        Assert.Equal(Shown(owners), Shown(Gates(again)));
        Assert.Equal(parent, (string?)decided["execution_id"]);
        Assert.Equal("completed", (string?)done["status"]);
        await using var history = await database.OpenStoreAsync();
        var decision = Assert.Single(await history.GetDecisionsAsync((string)gate["execution_id"]!, CancellationToken.None));
        Assert.Equal(("c2", true), (decision.StepId, decision.Approved));
    }

    private static JsonArray Gates(JsonObject state) => state["pending_approvals"]?.AsArray() ?? [];

    /// <summary>What a gate shows a person, field by field (its times may differ below the millisecond between a run and history).</summary>
    private static List<string> Shown(JsonArray gates) =>
    [
        .. gates.Select(g => string.Join("|", new[] { "execution_id", "step_id", "message", "message_template", "approvers", "min_approvals", "decisions" }.Select(f => g![f]?.ToJsonString()))),
    ];
}
