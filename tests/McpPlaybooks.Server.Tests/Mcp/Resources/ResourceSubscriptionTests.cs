using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Resources;

/// <summary>resources/subscribe and unsubscribe, resources/updated on execution and catalogue changes, list_changed.</summary>
public sealed class ResourceSubscriptionTests
{
    private static McpTestServerOptions Catalogue() => new()
    {
        Playbooks = new Dictionary<string, string> { ["alpha-1.yaml"] = ResourcePlaybooks.AlphaV1, ["gated.yaml"] = ResourcePlaybooks.Gated },
    };

    [Fact]
    public async Task Subscribe_ExecutionAndLogs_UpdatedOnEachChangeUntilUnsubscribed()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());
        await using var recorder = new NotificationRecorder(server.Client);
        var parked = await ResourcePlaybooks.RunAsync(server, "gated");
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
        var state = $"execution://{parked.ExecutionId}";
        var logs = state + "/logs";
        await server.Client.SubscribeToResourceAsync(state);
        await server.Client.SubscribeToResourceAsync(logs);

        await server.Engine.DecideAsync(Approve(parked.ExecutionId, "first"), default);

        await recorder.WaitForAsync(NotificationRecorder.Updated(state), NotificationRecorder.Updated(logs));
        var atSecond = await server.Engine.WaitAsync(parked.ExecutionId, TimeSpan.FromSeconds(30), default);
        Assert.Equal(ExecutionStatus.WaitingApproval, atSecond.Status);

        await server.Client.UnsubscribeFromResourceAsync(logs);
        await server.Client.PingAsync(); // a notice already on its way before the unsubscribe is read before the drain
        recorder.Drain();
        await server.Engine.DecideAsync(Approve(parked.ExecutionId, "second"), default);
        var done = await server.Engine.WaitAsync(parked.ExecutionId, TimeSpan.FromSeconds(30), default);
        Assert.Equal(ExecutionStatus.Completed, done.Status);

        // The state URI is still heard until the execution's last change; the log URI is not, though the step logged a line.
        File.WriteAllText(Path.Combine(server.PlaybookDirectory, "late.yaml"), ResourcePlaybooks.AlphaV2);
        server.Catalog.Reload();
        var heard = await recorder.WaitForAsync(NotificationRecorder.Updated(state), NotificationRecorder.ListChanged);
        Assert.DoesNotContain(heard, n => n.Uri == logs);
        var lines = await server.Engine.History.GetLogsAsync(new() { ExecutionId = parked.ExecutionId }, default);
        Assert.Contains(lines.Entries, l => l.Message == "through the second gate");
    }

    [Fact]
    public async Task Subscribe_OtherExecution_HearsNothingOfThisOne()
    {
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Playbooks = new Dictionary<string, string>
            {
                ["gated.yaml"] = ResourcePlaybooks.Gated,
                ["gated-two.yaml"] = ResourcePlaybooks.Gated.Replace("id: gated", "id: gated-two", StringComparison.Ordinal),
            },
        });
        await using var recorder = new NotificationRecorder(server.Client);
        var watched = await ResourcePlaybooks.RunAsync(server, "gated");
        var other = await ResourcePlaybooks.RunAsync(server, "gated-two");
        await server.Client.SubscribeToResourceAsync($"execution://{watched.ExecutionId}");

        await server.Engine.DecideAsync(Approve(other.ExecutionId, "first"), default);
        await server.Engine.DecideAsync(Approve(watched.ExecutionId, "first"), default);

        var heard = await recorder.WaitForAsync(NotificationRecorder.Updated($"execution://{watched.ExecutionId}"));
        Assert.All(heard, n => Assert.Equal($"execution://{watched.ExecutionId}", n.Uri));
    }

    [Fact]
    public async Task Subscribe_UnknownExecution_IsResourceNotFound()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.SubscribeToResourceAsync("execution://ex-missing"));

        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
        Assert.Contains("No execution 'ex-missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_Playbook_UpdatedWhenANewVersionArrivesAndListChanged()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());
        await using var recorder = new NotificationRecorder(server.Client);
        await server.Client.SubscribeToResourceAsync("playbook://alpha");
        await server.Client.SubscribeToResourceAsync("playbook://gated");

        File.WriteAllText(Path.Combine(server.PlaybookDirectory, "alpha-2.yaml"), ResourcePlaybooks.AlphaV2);
        server.Catalog.Reload();

        var heard = await recorder.WaitForAsync(NotificationRecorder.Updated("playbook://alpha"), NotificationRecorder.ListChanged);
        Assert.DoesNotContain(heard, n => n.Uri == "playbook://gated");
        var alpha = await server.Client.ReadResourceAsync("playbook://alpha");
        Assert.Equal(ResourcePlaybooks.AlphaV2, Assert.IsType<TextResourceContents>(Assert.Single(alpha.Contents)).Text);
    }

    [Fact]
    public async Task ListChanged_FileWrittenWhileWatching_SentWithoutAnyRequest()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());
        await using var recorder = new NotificationRecorder(server.Client);
        server.Catalog.StartWatching();
        await server.Client.PingAsync();

        File.WriteAllText(Path.Combine(server.PlaybookDirectory, "beta.yaml"), ResourcePlaybooks.AlphaV1.Replace("id: alpha", "id: beta", StringComparison.Ordinal));

        await recorder.WaitForAsync(NotificationRecorder.ListChanged);
        var resources = await server.Client.ListResourcesAsync();
        Assert.Contains(resources, r => r.Uri == "playbook://beta");
    }

    [Fact]
    public async Task ListChanged_ReloadThatChangesNothing_SendsNothing()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());
        await using var recorder = new NotificationRecorder(server.Client);
        await server.Client.PingAsync();

        server.Catalog.Reload();
        File.WriteAllText(Path.Combine(server.PlaybookDirectory, "alpha-2.yaml"), ResourcePlaybooks.AlphaV2);
        server.Catalog.Reload();

        var heard = await recorder.WaitForAsync(NotificationRecorder.ListChanged);
        Assert.Single(heard);
        await server.Client.PingAsync();
        Assert.Empty(recorder.Drain());
    }

    private static ApprovalRequest Approve(string executionId, string stepId) =>
        new() { ExecutionId = executionId, StepId = stepId, Approve = true, By = ApproverIdentity.Cli("alice") };
}
