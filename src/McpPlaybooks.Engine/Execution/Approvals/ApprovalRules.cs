using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// Who may decide a gate, and what its decisions add up to. An identity is <c>source:name</c> (<c>cli:alice</c>,
/// <c>token:alice</c>) or a bare name; the person is the part after the first ':', compared case-insensitively, so
/// <c>cli:alice</c> and <c>token:alice</c> are one person: they count once towards a quorum and are both the starter.
/// </summary>
internal static class ApprovalRules
{
    private const string RolePrefix = "role:";

    /// <summary>
    /// Whether an entry of a gate's <c>approvers</c> names this caller: its identity (whole, or the part after the first ':'),
    /// or one of its roles (as <c>oncall</c> or <c>role:oncall</c>). Case-insensitive.
    /// </summary>
    public static bool Matches(string identity, IReadOnlyCollection<string> roles, string listed)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(listed);
        listed = listed.Trim();
        if (listed.Length == 0)
        {
            return false;
        }

        if (Same(identity, listed) || Same(PersonOf(identity), listed))
        {
            return true;
        }

        var role = listed.StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase) ? listed[RolePrefix.Length..] : listed;
        return roles.Any(r => Same(r, listed) || Same(r, role));
    }

    /// <summary>Null when <paramref name="approver"/> may decide <paramref name="gate"/> now; else why not and who may.</summary>
    public static string? RefuseApprover(PendingApproval gate, string approver, IReadOnlyCollection<string> roles, string startedBy)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(approver);
        var where = GateName(gate);
        if (gate.Approvers.Count > 0 && !gate.Approvers.Any(listed => Matches(approver, roles, listed)))
        {
            var roleText = roles.Count == 0 ? "no roles" : $"roles {string.Join(", ", roles)}";
            return $"{approver} ({roleText}) is not an approver of {where}: only {string.Join(", ", gate.Approvers)} may decide it "
                + "(an entry is an identity or a role). Ask one of them to call approve_step.";
        }

        if (gate.SeparateApprover && !string.IsNullOrWhiteSpace(startedBy) && SamePerson(approver, startedBy))
        {
            return $"{approver} started this execution (as {startedBy}) and {where} needs a separate approver: "
                + $"someone else ({Who(gate)}) must decide it with approve_step.";
        }

        if (gate.Decisions.FirstOrDefault(d => SamePerson(d.Approver, approver)) is { } earlier)
        {
            var verb = earlier.Approved ? "approved" : "rejected";
            return $"{approver} already {verb} {where} (as {earlier.Approver}, at {earlier.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}); "
                + $"each person decides once. Now: {Progress(gate)}.";
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

    /// <summary>The approving identities, one per person, in the order they decided.</summary>
    private static List<string> Approvals(PendingApproval gate)
    {
        var people = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. gate.Decisions.Where(d => d.Approved && people.Add(PersonOf(d.Approver))).Select(d => d.Approver)];
    }

    private static int Required(PendingApproval gate) => Math.Max(1, gate.MinApprovals);

    private static string Who(PendingApproval gate) => gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers);

    private static string GateName(PendingApproval gate) =>
        gate.StepId == ApprovalGates.StartGateId ? "the start gate (safety.require_approval)" : $"the gate of step '{gate.StepId}'";

    private static bool SamePerson(string a, string b) => Same(a, b) || Same(PersonOf(a), PersonOf(b));

    private static string PersonOf(string identity)
    {
        var colon = identity.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? identity : identity[(colon + 1)..];
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
