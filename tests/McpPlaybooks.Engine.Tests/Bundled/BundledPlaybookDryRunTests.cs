using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Bundled;

/// <summary>
/// Every bundled playbook dry-runs with realistic inputs, on the path that changes the host (force, an unhealthy
/// service, a certificate due): its inputs are accepted, and every step, including those the real runs of
/// <see cref="BundledPlaybookRealRunTests"/> must not run, gets a plan.
/// </summary>
public sealed class BundledPlaybookDryRunTests
{
    public static TheoryData<string> Playbooks() =>
        [.. Directory.EnumerateFiles(TestPaths.Playbooks, "*.yaml").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Playbooks))]
    public async Task DryRun_BundledPlaybookWithInputs_PlansEveryStep(string id)
    {
        await using var services = await LocalServices.StartAsync();
        await using var harness = await BundledPlaybook.EngineAsync(services);

        var state = await harness.Engine.RunAsync(BundledPlaybook.Request(id, InputsOf(id, services), dryRun: true), null, default);

        // A program this machine lacks (kubectl, certbot, systemctl in a container) is what a real run here would fail
        // on, and the dry run says so; nothing else may be found.
        var elsewhere = state.WouldFail.Where(finding => !LackedHere(finding)).ToList();
        Assert.True(state.Status == ExecutionStatus.Completed || (state.Status == ExecutionStatus.Failed && elsewhere.Count == 0), BundledPlaybook.Describe(state) + string.Join("\n", state.WouldFail));
        Assert.Empty(elsewhere);
        Assert.True(state.DryRun);
        Assert.All(state.Steps, step => Assert.True(step.Plan is not null, $"{step.Id} has no plan"));
        Assert.All(state.Steps, step => Assert.Equal(0, step.Attempts));
    }

    private static bool LackedHere(string finding) =>
        System.Text.RegularExpressions.Regex.Match(finding, "the executable '([^'/]+)' was not found on PATH") is { Success: true } found
        && HostTools.Missing(found.Groups[1].Value).Count == 1;

    private static IReadOnlyDictionary<string, Value> InputsOf(string id, LocalServices services) => id switch
    {
        "disk-space-cleanup" => Inputs(("mount_point", Value.From("/var")), ("force", Value.From(true))),
        "incident-escalation" => Inputs(("incident_id", Value.From("INC-42")), ("summary", Value.From("checkout answers 503"))),
        "oom-pod-memory-increase" => Inputs(
            ("context", Value.From("prod")), ("namespace", Value.From("shop")), ("deployment", Value.From("checkout")), ("container", Value.From("app")),
            ("pod_selector", Value.From("app=checkout")), ("new_memory_limit", Value.From("1Gi"))),
        "restart-unhealthy-service" => Inputs(("service", Value.From("checkout.service")), ("port", Value.From(services.Port)), ("health_path", Value.From("/health/503"))),
        "tls-certificate-expiry" => Inputs(
            ("host", Value.From("shop.example.com")), ("cert_name", Value.From("shop.example.com")), ("force", Value.From(true)),
            ("prometheus_url", Value.From(services.BaseUrl))),
        _ => throw new InvalidOperationException($"No inputs for the bundled playbook {id}: add them here, and a real run in BundledPlaybookRealRunTests."),
    };
}
