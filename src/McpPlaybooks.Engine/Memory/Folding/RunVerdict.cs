namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// Whether a failed (or rolled back) execution failed on its own steps, or only because people turned a gate down
/// (<c>rejected</c>: a rejection, or an approval timeout that rejects) or because an open circuit breaker refused its
/// steps' calls (<c>refused</c>: no call was made). Those two are folded as outcomes of their own, out of the success rate:
/// neither says the playbook's steps fail. One statement over the execution's step states, approvals and attempts.
/// </summary>
internal static class RunVerdict
{
    public const string Rejected = "rejected";

    public const string Refused = "refused";

    private const string TurnedDown = "(a.status = 'rejected' OR (a.status = 'expired' AND a.on_timeout = 'reject'))";

    /// <summary>
    /// [own failures, gates turned down, failed steps]: the failed steps that are neither a gate turned down nor a step whose
    /// failed attempts were all refused by its breaker, the execution's gates (the start gate too) turned down, and all its
    /// failed steps.
    /// </summary>
    public static readonly string Select = $"""
        SELECT
            (SELECT count(*) FROM step_states s WHERE s.execution_id = @e AND s.status = 'failed'
                AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND {TurnedDown})
                AND NOT {BreakerRefusedSql.OnlyRefused("s")}),
            (SELECT count(*) FROM approvals a WHERE a.execution_id = @e AND {TurnedDown}),
            (SELECT count(*) FROM step_states s WHERE s.execution_id = @e AND s.status = 'failed')
        """;

    /// <summary>The status to fold: <paramref name="status"/>, or rejected or refused for a failure that was not the steps'.</summary>
    public static string Of(string status, FoldCommand select, string executionId)
    {
        if (status is not ("failed" or "rolled_back"))
        {
            return status;
        }

        using var reader = select.Query(executionId);
        if (!reader.Read() || reader.Whole(0) > 0)
        {
            return status;
        }

        // No step failed on its own: a gate turned down decided it; else its failed steps (if any) were only refused.
        return reader.Whole(1) > 0 ? Rejected : reader.Whole(2) > 0 ? Refused : status;
    }
}
