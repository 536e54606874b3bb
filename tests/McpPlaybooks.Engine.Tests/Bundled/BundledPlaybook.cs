using System.Collections;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Execution.Control;

namespace McpPlaybooks.Engine.Tests.Bundled;

/// <summary>A playbook of <c>playbooks/</c> as the server loads it, and a real engine whose secrets point at <see cref="LocalServices"/>.</summary>
internal static class BundledPlaybook
{
    /// <summary>The secrets the bundled playbooks use; each is the local webhook of the same name.</summary>
    public static IReadOnlyList<string> Secrets { get; } =
        ["SLACK_WEBHOOK", "ONCALL_SLACK_WEBHOOK", "SECONDARY_ESCALATION_WEBHOOK", "INCIDENT_COMMANDER_WEBHOOK"];

    public static string Text(string id) => File.ReadAllText(Path.Combine(TestPaths.Playbooks, id + ".yaml"));

    /// <summary>A real engine on a temporary folder, with every secret of <see cref="Secrets"/> set to a webhook of <paramref name="services"/>.</summary>
    public static Task<EngineHarness> EngineAsync(LocalServices services)
    {
        var environment = new Hashtable();
        foreach (var secret in Secrets)
        {
            environment["PLAYBOOK_SECRET_" + secret] = services.Webhook(secret);
        }

        return EngineHarness.StartAsync(environment: environment);
    }

    public static ExecutionRequest Request(string id, IReadOnlyDictionary<string, Value> inputs, bool dryRun = false) =>
        Flow.Request(Text(id), inputs, dryRun, startedBy: "test:bundled");

    /// <summary>The steps as <c>id:status</c>, in the playbook's order, for one readable assertion.</summary>
    public static string Statuses(ExecutionState state) =>
        string.Join(" ", state.Steps.Select(s => $"{s.Id}:{EnumNames.ToName(s.Status)}"));

    /// <summary>The status, the execution's error and every step's status and error: what a failed assertion should show.</summary>
    public static string Describe(ExecutionState state) =>
        $"{EnumNames.ToName(state.Status)} {state.Error?.Message}\n"
        + string.Join("\n", state.Steps.Select(s => $"  {s.Id}: {EnumNames.ToName(s.Status)} {s.Error?.Message}"));
}
