using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using Xunit.Abstractions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Bundled;

/// <summary>
/// The bundled playbooks run for real on this machine, on their read-only path: real df, findmnt, HTTP to services on
/// 127.0.0.1, webhooks, events; a step that changes the host (restart, delete, renew, patch) never runs: the run takes
/// the path where it is not needed, or stops at its approval gate, which is rejected. A part whose programs are missing
/// here is skipped, and the test output says which (the dry runs in <see cref="BundledPlaybookDryRunTests"/> still cover it).
/// </summary>
public sealed class BundledPlaybookRealRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DiskSpaceCleanup_EnoughFreeSpace_MeasuresTwiceDeletesNothingAndTellsTheChannel()
    {
        if (Skip("disk-space-cleanup", HostTools.Missing("df", "findmnt"), "apt-get install coreutils util-linux"))
        {
            return;
        }

        await using var services = await LocalServices.StartAsync();
        await using var harness = await BundledPlaybook.EngineAsync(services);

        var state = await harness.Engine.RunAsync(
            BundledPlaybook.Request("disk-space-cleanup", Inputs(("mount_point", Value.From(harness.Directory)), ("min_free_bytes", Value.From(0)))), null, default);

        Assert.True(state.Status == ExecutionStatus.Completed, BundledPlaybook.Describe(state));
        Assert.Equal(
            "usage-before:completed free-before:completed decide:completed largest-dirs:skipped clean-rotated-logs:skipped vacuum-journal:skipped "
            + "free-after:completed usage-after:completed verify-space-freed:skipped warn-still-low:skipped",
            BundledPlaybook.Statuses(state));
        var outputs = state.Outputs.AsObject();
        Assert.False(outputs["cleaned"].AsBoolean());
        Assert.True(outputs["free_bytes_before"].AsNumber() > 0);
        Assert.True(outputs["free_bytes_after"].AsNumber() > 0);
        Assert.Contains("Mounted on", Step(state, "usage-before").Output.AsObject()["stdout"].AsString(), StringComparison.Ordinal);
        var (name, body) = await services.NextWebhookAsync();
        Assert.Equal("SLACK_WEBHOOK", name);
        Assert.Contains($"Free disk space on a host on {harness.Directory}: completed.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentEscalation_PrimaryAcknowledges_PagesOnceRecordsTheAckAndDoesNotEscalate()
    {
        await using var services = await LocalServices.StartAsync();
        await using var harness = await BundledPlaybook.EngineAsync(services);
        var request = BundledPlaybook.Request("incident-escalation", Inputs(("incident_id", Value.From("INC-42")), ("summary", Value.From("checkout answers 503"))));

        var id = await Flow.StartUntilRunningAsync(harness.Engine, request, "wait-primary-ack");
        var page = await services.NextWebhookAsync();
        await harness.Engine.ControlAsync(new ControlRequest
        {
            ExecutionId = id,
            Action = ControlAction.Signal,
            SignalType = "incident.acknowledged",
            Correlation = "INC-42",
            Payload = Value.From([KeyValuePair.Create("by", Value.From("alice"))]),
            RequestedBy = "test:oncall",
        }, default);
        var state = await Flow.SettleAsync(harness.Engine, id);

        Assert.True(state.Status == ExecutionStatus.Completed, BundledPlaybook.Describe(state));
        Assert.Equal(
            "page-primary:completed log-paged:completed wait-primary-ack:completed record-primary-ack:completed escalate-secondary:skipped "
            + "announce-escalation:skipped wait-secondary-ack:skipped escalate-commander:skipped log-unacknowledged:skipped",
            BundledPlaybook.Statuses(state));
        Assert.Equal("ONCALL_SLACK_WEBHOOK", page.Name);
        Assert.Contains("@oncall [P1] INC-42 on unknown: checkout answers 503", page.Body, StringComparison.Ordinal);
        var outputs = state.Outputs.AsObject();
        Assert.True(outputs["acknowledged"].AsBoolean());
        Assert.False(outputs["escalated_to_secondary"].AsBoolean());
        Assert.Equal("alice", outputs["acknowledgement"].AsObject()["by"].AsString());
        var summary = await services.NextWebhookAsync();
        Assert.Equal("ONCALL_SLACK_WEBHOOK", summary.Name);
        Assert.Contains("Escalation for INC-42 completed", summary.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsCertificateExpiry_PlentyOfDaysLeft_AsksPrometheusReadsTheServedCertificateAndRenewsNothing()
    {
        if (Skip("tls-certificate-expiry", HostTools.Missing("openssl"), "apt-get install openssl"))
        {
            return;
        }

        await using var services = await LocalServices.StartAsync(daysLeft: 60.5);
        await using var served = LocalTlsServer.Start(days: 60);
        await using var harness = await BundledPlaybook.EngineAsync(services);
        var inputs = Inputs(("host", Value.From("localhost")), ("port", Value.From(served.Port)), ("cert_name", Value.From("localhost")), ("prometheus_url", Value.From(services.BaseUrl)));
        Assert.Equal(ExecutionStatus.Completed, (await harness.Engine.RunAsync(BundledPlaybook.Request("tls-certificate-expiry", inputs, dryRun: true), null, default)).Status);

        var state = await harness.Engine.RunAsync(BundledPlaybook.Request("tls-certificate-expiry", inputs), null, default);

        Assert.True(state.Status == ExecutionStatus.Completed, BundledPlaybook.Describe(state));
        Assert.Equal(
            "query-expiry:completed assert-probe-found:completed decide:completed served-cert-before:completed served-dates-before:completed "
            + "config-test-before:skipped preflight-renewal:skipped renew-certificate:skipped config-test-after:skipped reload-web-server:skipped "
            + "fetch-served-cert:skipped check-served-cert:skipped",
            BundledPlaybook.Statuses(state));
        Assert.Equal($"(min(probe_ssl_earliest_cert_expiry{{instance=\"localhost:{served.Port}\"}})-time())/86400", await services.NextQueryAsync());
        var outputs = state.Outputs.AsObject();
        Assert.Equal(60.5, outputs["days_left_before"].AsNumber());
        Assert.False(outputs["renewed"].AsBoolean());
        Assert.Contains("CN = localhost", outputs["served_before"].AsString(), StringComparison.Ordinal);
        Assert.Contains("notAfter=" + served.NotAfter.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture), outputs["served_before"].AsString(), StringComparison.Ordinal);
        Assert.Contains("renewed: skipped", (await services.NextWebhookAsync()).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartUnhealthyService_HealthAnswers503_ReadsTheUnitAndStopsAtTheRestartGate()
    {
        if (Skip("restart-unhealthy-service", HostTools.Missing("systemctl", "journalctl"), "apt-get install systemd")
            || Skip("restart-unhealthy-service", HostTools.SystemdRunning ? [] : ["systemd as its init system"], "systemctl cannot read a unit; run on a host booted with systemd"))
        {
            return;
        }

        await using var services = await LocalServices.StartAsync();
        await using var harness = await BundledPlaybook.EngineAsync(services);

        var inputs = Inputs(("service", Value.From("systemd-journald.service")), ("port", Value.From(services.Port)), ("health_path", Value.From("/health/503")));
        Assert.Equal(ExecutionStatus.Completed, (await harness.Engine.RunAsync(BundledPlaybook.Request("restart-unhealthy-service", inputs, dryRun: true), null, default)).Status);

        var parked = await harness.Engine.RunAsync(BundledPlaybook.Request("restart-unhealthy-service", inputs), null, default);

        Assert.True(parked.Status == ExecutionStatus.WaitingApproval, BundledPlaybook.Describe(parked));
        Assert.Equal((StepStatus.Completed, StepStatus.Completed, StepStatus.WaitingApproval), (Step(parked, "check-health").Status, Step(parked, "unit-state").Status, Step(parked, "restart").Status));
        Assert.Equal(503, Step(parked, "check-health").Output.AsObject()["status"].AsNumber());
        Assert.Contains("ActiveState=", Step(parked, "unit-state").Output.AsObject()["stdout"].AsString(), StringComparison.Ordinal);
        await harness.Engine.DecideAsync(ApprovalDecisionTests.Decision(parked.ExecutionId, "restart", approve: false, "test:oncall"), default);
        var state = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);
        Assert.Equal(0, Step(state, "restart").Attempts);
    }

    private bool Skip(string playbook, IReadOnlyList<string> missing, string remedy)
    {
        if (missing.Count == 0)
        {
            return false;
        }

        output.WriteLine($"SKIPPED the real run of {playbook}: this machine has no {string.Join(", ", missing)} ({remedy}); its dry run still runs.");
        return true;
    }
}
