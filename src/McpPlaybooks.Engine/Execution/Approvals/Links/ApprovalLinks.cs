using System.Collections.Concurrent;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>
/// One-time approval links: issued for an open gate (the token goes to a person, only its hash to the history), looked up
/// (unknown, used, closed, or open with what the page shows), and redeemed for one decision through the engine's normal
/// decision path, as channel <see cref="ApprovalChannel.Link"/>. A link is valid until its gate closes. Listeners hear
/// each gate that opens, so a server can deliver a link for it.
/// </summary>
public sealed partial class ApprovalLinks
{
    private readonly ExecutionHost _host;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<object, Func<GateOpening, Task>> _listeners = new();

    /// <summary>Redemptions one at a time in this process: a second post of one link waits for the first to finish (decided or refused).</summary>
    private readonly SemaphoreSlim _redeeming = new(1, 1);

    internal ApprovalLinks(ExecutionHost host, ILogger logger)
    {
        _host = host;
        _logger = logger;
    }

    private DateTimeOffset Now => _host.Services.Time.GetUtcNow();

    /// <summary>Hears every gate this process opens (after it is recorded); dispose the result to stop. Called off the run's path.</summary>
    public IDisposable OnGateOpened(Func<GateOpening, Task> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var key = new object();
        _listeners[key] = listener;
        return new Subscription(() => _listeners.TryRemove(key, out _));
    }

    internal void Publish(GateOpening opening)
    {
        foreach (var listener in _listeners.Values)
        {
            _ = RunListenerAsync(listener, opening);
        }
    }

    /// <summary>
    /// Issues a link for the gate of <paramref name="stepId"/> while it waits; <paramref name="holder"/> null for a link any
    /// person holding it may use (recorded as <c>link</c>). Refused (<see cref="ExecutionRefusedException"/>) when the gate does not wait.
    /// </summary>
    public Task<IssuedLink> IssueAsync(string executionId, string stepId, LinkHolder? holder, string issuedBy, CancellationToken cancellationToken) =>
        LinkIssuer.IssueAsync(_host.History, Now, executionId, stepId, holder, issuedBy, cancellationToken);

    /// <summary>What the link leads to. Never throws for a bad token: it is <see cref="LinkStatus.Unknown"/>.</summary>
    public async Task<LinkLookup> LookupAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LinkTokens.IsWellFormed(token))
        {
            return Unknown;
        }

        var link = await _host.History.ApprovalLinks.GetAsync(LinkTokens.Hash(token!), cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return Unknown;
        }

        var execution = await _host.History.GetExecutionAsync(link.ExecutionId, cancellationToken).ConfigureAwait(false);
        var gate = (await _host.History.GetApprovalsAsync(link.ExecutionId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(g => g.StepId == link.StepId);
        var decisions = (await _host.History.GetDecisionsAsync(link.ExecutionId, cancellationToken).ConfigureAwait(false)).Where(d => d.StepId == link.StepId).ToList();
        var decider = ApproverIdentity.Link(link.IssuedFor, link.Name, link.Roles);
        var lookup = new LinkLookup { Status = LinkStatus.Open, Link = link, Gate = gate, Execution = execution, Decider = decider };
        if (link.UsedAt is { } used)
        {
            return lookup with
            {
                Status = LinkStatus.Used,
                Decisions = decisions,
                Reason = $"this link was used at {used.UtcDateTime:yyyy-MM-dd HH:mm:ss'Z'} ({link.Decision}); each link decides once",
            };
        }

        if (gate is null || execution is null || gate.CreatedAt != link.GateOpenedAt || gate.Status != ApprovalStatus.Pending)
        {
            return lookup with { Status = LinkStatus.Closed, Decisions = gate?.CreatedAt == link.GateOpenedAt ? decisions : [], Reason = ClosedReason(link, gate, execution) };
        }

        var review = await GateReviews.ReviewAsync(_host, gate, execution, decisions, decider, cancellationToken).ConfigureAwait(false);
        return lookup with { Decisions = decisions, Refusal = review.Refusal, Plan = review.Plan, MessageTemplate = review.MessageTemplate };
    }

    private static LinkLookup Unknown { get; } = new() { Status = LinkStatus.Unknown, Reason = "no approval link has this address (it may be mistyped, or cut short)" };

    private static string ClosedReason(ApprovalLinkRecord link, ApprovalRecord? gate, ExecutionRecord? execution)
    {
        if (execution is null || gate is null)
        {
            return $"execution {link.ExecutionId} no longer has this gate";
        }

        if (gate.CreatedAt != link.GateOpenedAt)
        {
            return $"the gate of '{link.StepId}' this link was issued for closed, and the step reached its gate again later (a new link was issued for that one)";
        }

        return gate.Status switch
        {
            ApprovalStatus.Approved => $"the gate of '{link.StepId}' was approved, and the execution went on",
            ApprovalStatus.Rejected => $"the gate of '{link.StepId}' was rejected",
            ApprovalStatus.Expired => $"the gate of '{link.StepId}' timed out with no decision (on_timeout applied)",
            _ => $"the gate of '{link.StepId}' no longer waits",
        };
    }

    private async Task RunListenerAsync(Func<GateOpening, Task> listener, GateOpening opening)
    {
        try
        {
            await listener(opening).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A listener's failure must not reach the run that opened the gate: it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogListenerFailed(_logger, opening.ExecutionId, opening.StepId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering the approval link of {ExecutionId}/{StepId} failed")]
    private static partial void LogListenerFailed(ILogger logger, string executionId, string stepId, Exception error);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
