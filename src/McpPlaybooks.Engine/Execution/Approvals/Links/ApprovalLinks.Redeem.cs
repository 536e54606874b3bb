using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>Using a link (one decision, atomically), and posting one to a gate's <c>notify:</c> webhook.</summary>
public sealed partial class ApprovalLinks
{
    /// <summary>
    /// Decides the link's gate once, through the engine's normal decision path as channel <c>link</c>. Recorded only when
    /// <see cref="LinkRedemption.Decided"/>: an unknown, used or closed link, or a decision the gate's rules refuse, records
    /// nothing (a refused decision leaves the link unused). Of two concurrent uses of one link exactly one decides.
    /// </summary>
    public async Task<LinkRedemption> RedeemAsync(string? token, bool approve, string? comment, CancellationToken cancellationToken)
    {
        await _redeeming.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var lookup = await LookupAsync(token, cancellationToken).ConfigureAwait(false);
            if (lookup.Status != LinkStatus.Open)
            {
                return new LinkRedemption(false, lookup.Status, lookup.Reason, Lookup: lookup);
            }

            var link = lookup.Link!;
            var usedAt = Now;
            if (!await _host.History.ApprovalLinks.TryUseAsync(link.TokenSha256, approve ? "approve" : "reject", usedAt).ConfigureAwait(false))
            {
                // Another process used it between the lookup and now.
                return new LinkRedemption(false, LinkStatus.Used, "this link was used a moment ago; each link decides once", Lookup: lookup);
            }

            try
            {
                var state = await _host.DecideAsync(new ApprovalRequest
                {
                    ExecutionId = link.ExecutionId,
                    StepId = link.StepId,
                    Approve = approve,
                    Comment = string.IsNullOrWhiteSpace(comment) ? null : comment,
                    By = lookup.Decider!,
                    GateOpenedAt = link.GateOpenedAt,
                }, cancellationToken).ConfigureAwait(false);
                return new LinkRedemption(true, LinkStatus.Open, approve ? "approved" : "rejected", state, lookup);
            }
            catch (ExecutionRefusedException refused)
            {
                await _host.History.ApprovalLinks.ReleaseAsync(link.TokenSha256, usedAt).ConfigureAwait(false);
                var status = refused.Kind == RefusalKind.NoPendingGate ? LinkStatus.Closed : LinkStatus.Open;
                return new LinkRedemption(false, status, refused.Message, Lookup: lookup);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await _host.History.ApprovalLinks.ReleaseAsync(link.TokenSha256, usedAt).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _redeeming.Release();
        }
    }

    /// <summary>
    /// Posts <c>"TEXT LINK"</c> to a gate's <c>notify:</c> webhook, as the <c>notify</c> action would (same payloads, same
    /// host allowlist). False, logged without the webhook's path, when the post failed.
    /// </summary>
    public async Task<bool> PostNoticeAsync(GateOpening opening, Uri link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(link);
        if (opening.Notice is not { } notice)
        {
            return false;
        }

        var lead = string.IsNullOrWhiteSpace(notice.Text) ? $"Approve {opening.StepId} of {opening.PlaybookId}?" : notice.Text.Trim();
        var arguments = Value.From(
        [
            KeyValuePair.Create("webhook", Value.From(notice.Webhook)),
            KeyValuePair.Create("text", Value.From($"{lead} {link}")),
            KeyValuePair.Create("format", Value.From(notice.Format)),
        ]);
        var handler = _host.Services.Actions.Get("notify");
        try
        {
            await handler.RunAsync(new ActionInvocation
            {
                ExecutionId = opening.ExecutionId,
                StepId = opening.StepId,
                Arguments = arguments,
                Log = NoLog.Instance,
                Masker = _host.Services.Secrets.Masker,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ActionFailedException e)
        {
            LogNoticeFailed(_logger, opening.ExecutionId, opening.StepId, _host.Services.Secrets.Masker.Apply(e.Message));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post the approval link of {ExecutionId}/{StepId} to its gate's notify webhook: {Reason}")]
    private static partial void LogNoticeFailed(ILogger logger, string executionId, string stepId, string reason);

    private sealed class NoLog : IActionLog
    {
        public static NoLog Instance { get; } = new();

        public void Write(ExecutionLogLevel level, string message)
        {
        }
    }
}
