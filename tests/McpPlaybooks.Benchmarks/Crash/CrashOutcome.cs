namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>What one crash scenario saw: the kills, what resuming did, and every expectation that did not hold.</summary>
internal sealed record CrashOutcome
{
    /// <summary>Processes that died by SIGKILL (the run, or a decision's process).</summary>
    public int Kills { get; init; }

    /// <summary>Executions a <c>resume</c> took over.</summary>
    public int Resumed { get; init; }

    /// <summary>Idempotent steps that were in flight and ran again on resume.</summary>
    public int Rerun { get; init; }

    /// <summary>Non-idempotent steps that were in flight and became <c>interrupted</c>.</summary>
    public int Interrupted { get; init; }

    /// <summary>Steps that ran more often than allowed: once, plus once per explicit <c>retry_step</c>. Must be 0.</summary>
    public int Duplicates { get; init; }

    /// <summary>Whether the execution was recorded at all (a kill at the first commits comes before it).</summary>
    public bool Started { get; init; }

    /// <summary>Whether it ended <c>completed</c>.</summary>
    public bool Finished { get; init; }

    public IReadOnlyList<string> Violations { get; init; } = [];

    /// <summary>Each command and how it ended, for a failure's message.</summary>
    public IReadOnlyList<string> Log { get; init; } = [];

    public override string ToString() =>
        $"kills {Kills}, resumed {Resumed}, re-run {Rerun}, interrupted {Interrupted}, duplicates {Duplicates}, finished {Finished}"
        + (Violations.Count > 0 ? $"\nviolations:\n  {string.Join("\n  ", Violations)}" : "")
        + $"\nlog:\n  {string.Join("\n  ", Log)}";
}
