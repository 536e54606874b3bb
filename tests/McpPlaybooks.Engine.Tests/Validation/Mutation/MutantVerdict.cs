namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>What validating one mutant gave, measured against the validator's contract.</summary>
/// <param name="Rejected">The report has at least one error (false when the validator crashed and gave no report).</param>
/// <param name="Crashed">An exception escaped the validator.</param>
/// <param name="UnlocatedErrors">Errors with no location, or one outside the text.</param>
/// <param name="Violations">Every breach of the contract, described; empty when the validator behaved.</param>
/// <param name="Line">The line of the first located violation, for excerpts; 0 when none.</param>
internal sealed record MutantVerdict(bool Rejected, bool Crashed, int UnlocatedErrors, IReadOnlyList<string> Violations, int Line)
{
    public bool Passed => Violations.Count == 0;
}
