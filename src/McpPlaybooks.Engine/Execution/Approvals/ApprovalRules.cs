using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// Who may decide a gate, and what its decisions add up to. A gate counts a person's decision: an entry of its
/// <c>approvers</c> matches only what a channel that shows a person vouches for (the recorded identity, the verified
/// name, verified roles); a name an assistant claims never matches. The assistant channel decides only a gate that lists
/// <c>assistant</c>, or any gate when the server accepts assistant decisions (then its claimed name is matched, as
/// before channels existed); never a gate that needs a separate approver. People are counted once each: the verified
/// name, else the part of the identity after the first ':' (so <c>cli:alice</c> and <c>token:alice</c> are one person),
/// and every assistant decision is the one party "assistant"; one recorded identity (an OS account, a token) is one person
/// whatever name it is given. A link issued for nobody, and a chat answer with no known person (its identity only the
/// client's self-chosen name), pass only a gate any one person may decide.
/// </summary>
internal static class ApprovalRules
{
    private const string RolePrefix = "role:";
    private const string AssistantParty = "assistant";

    /// <summary>How an execution started through an MCP client with no verified identity records its starter: <c>mcp:&lt;client&gt;</c>.</summary>
    private const string UnverifiedStarterPrefix = "mcp:";

    /// <summary>Whether an entry of a gate's <c>approvers</c> names this decider, as its channel vouches for it. Case-insensitive.</summary>
    public static bool Matches(ApproverIdentity who, string listed, bool acceptAssistant)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(listed);
        listed = listed.Trim();
        if (listed.Length == 0)
        {
            return false;
        }

        if (Same(listed, ApproverIdentity.AssistantEntry))
        {
            // What an assistant may decide, a person may decide too.
            return true;
        }

        if (!who.Verified)
        {
            return acceptAssistant && (Same(who.Claimed, listed) || HasRole(who.Roles, listed));
        }

        return Same(who.Identity, listed) || Same(who.Name, listed) || HasRole(who.Roles, listed);
    }

    /// <summary>
    /// Null when <paramref name="gate"/> is the one reached at <paramref name="seen"/> (to the millisecond, as history keeps
    /// it); else the refusal of a decision made on an earlier gate of the step (reached again since: the step was retried).
    /// </summary>
    public static ExecutionRefusedException? ReachedAgain(PendingApproval gate, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return gate.CreatedAt is not { } reached || (reached - seen).Duration() < TimeSpan.FromMilliseconds(1)
            ? null
            : new ExecutionRefusedException(RefusalKind.NoPendingGate,
                $"the gate of step '{gate.StepId}' was reached again at {reached.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}, after the one this decision was made on "
                + $"({seen.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}; the step was retried). Nothing was recorded: look at the gate as it is now, then decide again.");
    }

    /// <summary>Null when <paramref name="who"/> may decide <paramref name="gate"/> now; else the refusal, saying why.</summary>
    public static ExecutionRefusedException? Refuse(PendingApproval gate, ApproverIdentity who, string startedBy, bool acceptAssistant)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(who);
        var where = GateName(gate);
        if (!who.Verified)
        {
            var listsAssistant = gate.Approvers.Any(e => Same(e.Trim(), ApproverIdentity.AssistantEntry));
            if (!acceptAssistant && !listsAssistant)
            {
                return new ExecutionRefusedException(RefusalKind.ApproverUnverified,
                    $"{who.Identity} has no verified identity, and {where} counts only a decision a person makes: nothing a caller "
                    + "says about itself makes it one.");
            }

            if (gate.SeparateApprover)
            {
                return new ExecutionRefusedException(RefusalKind.ApproverUnverified,
                    $"{where} needs a separate approver, and an assistant cannot be told apart from whoever started the execution: "
                    + "a person must decide it.");
            }
        }

        if (gate.Approvers.Count > 0 && !gate.Approvers.Any(listed => Matches(who, listed, acceptAssistant)))
        {
            // An unverified caller is not told which names or roles would pass: it cannot be any of them.
            var detail = who.Verified ? $": it accepts {string.Join(", ", gate.Approvers)}" : "";
            return new ExecutionRefusedException(RefusalKind.ApproverNotAllowed, $"{who.Identity} is not an approver of {where}{detail}.");
        }

        if (who.Channel is ApprovalChannel.Link or ApprovalChannel.Chat && who.Name is null && (gate.SeparateApprover || Required(gate) > 1))
        {
            // A link issued for nobody (posted to a channel), or a chat with no token and no configured chat user (its
            // identity is only the client's self-chosen name), says nothing of who decided: not someone other than the
            // starter, not one more person toward a quorum.
            var needs = gate.SeparateApprover ? "needs a separate approver" : $"needs {Required(gate)} approvals from as many people";
            return new ExecutionRefusedException(RefusalKind.ApproverNotAllowed, who.Channel == ApprovalChannel.Link
                ? $"a link issued for nobody does not say who holds it, and {where} {needs}: decide it from the dashboard, with "
                    + "'mcp-playbooks approve', or with a link issued for you ('mcp-playbooks approvals')."
                : $"an answer in a chat with no known person ({who.Identity}: no token, no MCPPLAYBOOKS_CHAT_USER) does not say "
                    + $"who gave it, and {where} {needs}: set MCPPLAYBOOKS_CHAT_USER in the client's env, or decide it from the "
                    + "dashboard or with 'mcp-playbooks approve'.");
        }

        if (gate.SeparateApprover && who.Channel == ApprovalChannel.Chat && startedBy.StartsWith(UnverifiedStarterPrefix, StringComparison.Ordinal))
        {
            // Started through an MCP client with no verified identity (stdio): the person answering in that chat may be
            // the very person who had the model start it.
            return new ExecutionRefusedException(RefusalKind.ApproverNotAllowed,
                $"{where} needs a separate approver, and this execution was started through an MCP client with no verified "
                + $"identity ({startedBy}): an answer in the chat cannot be told apart from whoever started it. Someone else "
                + "must decide it: from the dashboard, with 'mcp-playbooks approve', or with a token.");
        }

        if (gate.SeparateApprover && !string.IsNullOrWhiteSpace(startedBy) && Started(who, startedBy))
        {
            return new ExecutionRefusedException(RefusalKind.ApproverNotAllowed,
                $"{who.Identity} started this execution (as {startedBy}) and {where} needs a separate approver: someone else must decide it.");
        }

        var keys = Keys(who);
        if (gate.Decisions.FirstOrDefault(d => Keys(d).Any(key => keys.Contains(key, StringComparer.OrdinalIgnoreCase))) is { } earlier)
        {
            var verb = earlier.Approved ? "approved" : "rejected";
            return new ExecutionRefusedException(RefusalKind.AlreadyDecided,
                $"{who.Identity} already {verb} {where} (as {earlier.Approver}, at {earlier.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}); "
                + $"each person decides once. Now: {Progress(gate)}.");
        }

        return null;
    }

    /// <summary>Any rejection rejects; <c>min_approvals</c> different people approving approves; else pending.</summary>
    public static ApprovalOutcome Outcome(PendingApproval gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (gate.Decisions.Any(d => !d.Approved))
        {
            return ApprovalOutcome.Rejected;
        }

        return Approvals(gate).Count >= Required(gate) ? ApprovalOutcome.Approved : ApprovalOutcome.Pending;
    }

    /// <summary>The gate's count so far, in words: <c>1 of 2 approvals (alice); waiting for 1 more from oncall, sre-leads</c>.</summary>
    public static string Progress(PendingApproval gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (gate.Decisions.FirstOrDefault(d => !d.Approved) is { } rejection)
        {
            var comment = string.IsNullOrWhiteSpace(rejection.Comment) ? "" : $" (\"{rejection.Comment}\")";
            return $"rejected by {rejection.Approver}{comment}";
        }

        var approvals = Approvals(gate);
        var required = Required(gate);
        var names = approvals.Count == 0 ? "" : $" ({string.Join(", ", approvals)})";
        var head = $"{approvals.Count} of {required} approvals{names}";
        return approvals.Count >= required ? $"{head}: approved" : $"{head}; waiting for {required - approvals.Count} more from {Who(gate)}";
    }

    /// <summary>
    /// The approving identities, one per person, in the order they decided: a decision counts unless it shares a key
    /// (<see cref="Keys(ApprovalDecision)"/>) with one counted before it.
    /// </summary>
    private static List<string> Approvals(PendingApproval gate)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var counted = new List<string>();
        foreach (var decision in gate.Decisions.Where(d => d.Approved))
        {
            var keys = Keys(decision);
            if (!keys.Any(seen.Contains))
            {
                seen.UnionWith(keys);
                counted.Add(decision.Approver);
            }
        }

        return counted;
    }

    /// <summary>
    /// What tells deciders apart: the person each counts as, and the identity its channel recorded. Two decisions sharing
    /// either are one person: <c>cli:alice</c> and <c>token:alice</c> are one, and so is one OS account (<c>cli:root</c>)
    /// whatever names the approval-users mapping of its own environment gives it.
    /// </summary>
    private static string[] Keys(ApproverIdentity who) => !who.Verified ? [AssistantParty] : [Party(who), who.Identity];

    private static string[] Keys(ApprovalDecision decision) => !decision.Verified ? [AssistantParty] : [Party(decision), decision.Approver];

    private static int Required(PendingApproval gate) => Math.Max(1, gate.MinApprovals);

    private static string Who(PendingApproval gate) => gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers);

    private static string GateName(PendingApproval gate) =>
        gate.StepId == ApprovalGates.StartGateId ? "the start gate (safety.require_approval)" : $"the gate of step '{gate.StepId}'";

    /// <summary>Whether the decider is who started the execution: by its identity, its verified name, or the person in its identity.</summary>
    private static bool Started(ApproverIdentity who, string startedBy)
    {
        var starter = PersonOf(startedBy);
        return !who.Verified || Same(who.Identity, startedBy) || Same(who.Name, starter) || Same(PersonOf(who.Identity), starter);
    }

    /// <summary>The person a decider counts as: the verified name, else the part of the identity after ':'; every assistant is one party.</summary>
    private static string Party(ApproverIdentity who) => !who.Verified ? AssistantParty : who.Name ?? PersonOf(who.Identity);

    private static string Party(ApprovalDecision decision) => !decision.Verified ? AssistantParty : decision.Person ?? PersonOf(decision.Approver);

    private static bool HasRole(IReadOnlyCollection<string> roles, string listed)
    {
        var role = listed.StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase) ? listed[RolePrefix.Length..] : listed;
        return roles.Any(r => Same(r, listed) || Same(r, role));
    }

    private static string PersonOf(string identity)
    {
        var colon = identity.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? identity : identity[(colon + 1)..];
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
