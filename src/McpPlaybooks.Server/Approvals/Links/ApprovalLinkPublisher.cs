using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Approvals.Links;

/// <summary>
/// When a gate opens and the page is served, issues one link for it (for no particular person: recorded as <c>link</c>)
/// and delivers it to people, never to the model: one Information line in the server's log (stderr and the log file),
/// written whatever the log level (<see cref="Hosting.ServerLogging.ForPeople"/>),
/// and a post to the gate's <c>notify:</c> webhook when it has one.
/// </summary>
internal sealed partial class ApprovalLinkPublisher(PlaybookEngine engine, ApprovalPageAddress address, ILogger<ApprovalLinkPublisher> logger) : IHostedService
{
    private IDisposable? _listening;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = engine.Links.OnGateOpened(DeliverAsync);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _listening?.Dispose();
        await address.ClearAsync();
    }

    private async Task DeliverAsync(GateOpening opening)
    {
        if (await address.IssueAsync(opening.ExecutionId, opening.StepId, holder: null, "server", CancellationToken.None) is not { } link)
        {
            return;
        }

        LogLink(logger, opening.ExecutionId, opening.StepId, opening.PlaybookId, link);
        if (opening.Notice is not null && await engine.Links.PostNoticeAsync(opening, link, CancellationToken.None))
        {
            LogPosted(logger, opening.ExecutionId, opening.StepId, new Uri(opening.Notice.Webhook).Host);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval link for execution {ExecutionId} step {StepId} ({PlaybookId}): {Url} (one decision; valid until the gate closes)")]
    private static partial void LogLink(ILogger logger, string executionId, string stepId, string playbookId, Uri url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the approval link of {ExecutionId}/{StepId} to {Host} (the gate's notify)")]
    private static partial void LogPosted(ILogger logger, string executionId, string stepId, string host);
}
