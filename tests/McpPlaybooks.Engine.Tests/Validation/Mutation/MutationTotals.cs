namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>Counts over a run of mutants.</summary>
internal sealed class MutationTotals
{
    public int Mutants { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Mutants validated without error (neither rejected nor crashed).</summary>
    public int Clean => Mutants - Rejected - Crashes;

    public int Crashes { get; private set; }

    public int Unlocated { get; private set; }

    /// <summary>Mutants that broke any part of the contract (crashes and unlocated errors included).</summary>
    public int Failed { get; private set; }

    public double RejectedShare => Mutants == 0 ? 0 : (double)Rejected / Mutants;

    public double CleanShare => Mutants == 0 ? 0 : (double)Clean / Mutants;

    public void Add(MutantVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        Mutants++;
        Rejected += verdict.Rejected ? 1 : 0;
        Crashes += verdict.Crashed ? 1 : 0;
        Unlocated += verdict.UnlocatedErrors > 0 ? 1 : 0;
        Failed += verdict.Passed ? 0 : 1;
    }

    public override string ToString() =>
        $"mutants={Mutants} rejected={Rejected} ({RejectedShare:P1}) clean={Clean} crashes={Crashes} unlocated={Unlocated} failed={Failed}";
}
