using System.Net;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Dashboard;
using static McpPlaybooks.Server.Tests.Dashboard.GateDashboard;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>Retry and skip of a step, and rollback, from the dashboard over real HTTP: offered where the control rules allow, operators only, audited with channel dashboard, 409 on a stale page.</summary>
public sealed class StepControlTests : IDisposable
{
    private readonly string _flag = Path.Combine(Path.GetTempPath(), "mcpp-flag-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RetryStep_Operator_RunsTheFailedStepAgain_AuditedWithChannelDashboard()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "flaky", Olga, new { flag = _flag });
        using var olga = await OpenAsync(server, Olga, id);
        var controls = (await DetailAsync(olga, id)).GetProperty("actions").GetProperty("step_controls");
        await File.WriteAllTextAsync(_flag, "");

        using var response = await StepControlAsync(olga, id, "check", "retry_step");

        var control = Assert.Single(controls.EnumerateArray());
        Assert.Equal(("check", "failed"), (control.GetProperty("step_id").GetString(), control.GetProperty("status").GetString()));
        Assert.Equal(["retry_step", "skip_step"], control.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        var audit = Assert.Single(await server.Engine.History.GetAuditAsync(id + "/check", CancellationToken.None), entry => entry.Action == "retry_step");
        Assert.Equal("olga", audit.Actor);
        Assert.Equal("""{"comment":"from the dashboard","channel":"dashboard"}""", audit.DetailJson);
    }

    [Fact]
    public async Task SkipStep_Operator_SkipsItAndTheRestRuns()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "flaky", Alice, new { flag = _flag });
        using var alice = await OpenAsync(server, Alice, id);

        using var response = await StepControlAsync(alice, id, "check", "skip_step");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(StepStatus.Skipped, state.Steps.Single(step => step.Id == "check").Status);
    }

    [Theory]
    [InlineData(Bob)]
    [InlineData(Dana)]
    public async Task StepControl_WithoutTheOperatorRole_403NotOfferedAndNothingChanges(string token)
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "flaky", Olga, new { flag = _flag });
        using var browser = await OpenAsync(server, token, id);
        var detail = await DetailAsync(browser, id);

        using var response = await StepControlAsync(browser, id, "check", "skip_step");

        Assert.Empty(detail.GetProperty("actions").GetProperty("step_controls").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("this needs operator", await MessageOf(response), StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Failed, (await server.Engine.GetStateAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task StepControl_StalePage_StepNoLongerFailed_409_UnknownIds_404_BadAction_400_ForgedCsrf_403()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "flaky", Olga, new { flag = _flag });
        using var olga = await OpenAsync(server, Olga, id);
        (await StepControlAsync(olga, id, "check", "skip_step")).Dispose();
        await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);

        using var stale = await StepControlAsync(olga, id, "check", "retry_step");
        using var noStep = await StepControlAsync(olga, id, "nope", "retry_step");
        using var noExecution = await StepControlAsync(olga, "ex-nope", "check", "retry_step");
        using var bad = await StepControlAsync(olga, id, "check", "explode");
        using var forged = await StepControlAsync(olga, id, "check", "retry_step", csrf: "forged");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("cannot retry_step", await MessageOf(stale), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noStep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noExecution.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var state = (await server.Engine.GetStateAsync(id, CancellationToken.None))!;
        Assert.Equal((ExecutionStatus.Completed, StepStatus.Skipped), (state.Status, state.Steps.Single(step => step.Id == "check").Status));
        Assert.Single(await server.Engine.History.GetAuditAsync(id + "/check", CancellationToken.None), entry => entry.Action is "retry_step" or "skip_step");
    }

    [Fact]
    public async Task Rollback_EndedExecution_OfferedAndAuditedWithChannelDashboard()
    {
        await using var server = await StartWithTokensAsync();
        await File.WriteAllTextAsync(_flag, "");
        var id = await StartAsync(server, "flaky", Olga, new { flag = _flag });
        using var olga = await OpenAsync(server, Olga, id);
        var controls = (await DetailAsync(olga, id)).GetProperty("controls").EnumerateArray().Select(c => c.GetString()).ToList();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/ui/api/executions/{id}/control") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "rollback" }) };
        request.Headers.Add(DashboardCsrf.Header, olga.Csrf);
        using var response = await olga.Http.SendAsync(request);

        Assert.Equal(["rollback"], controls);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotEqual(ExecutionStatus.Completed, state.Status);
        var audit = Assert.Single(await server.Engine.History.GetAuditAsync(id, CancellationToken.None), entry => entry.Action == "rollback");
        Assert.Equal("olga", audit.Actor);
        Assert.Contains("\"channel\":\"dashboard\"", audit.DetailJson, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_flag);
}
