using System.Diagnostics;

namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>Makes <c>count</c> mutants from the seeds in turn, validates each, and keeps the totals and the first failures.</summary>
internal sealed class MutationCampaign(IReadOnlyList<SeedDocument> seeds, int firstSeed = MutationCampaign.DefaultSeed)
{
    /// <summary>The seed of the first mutant; mutant <c>k</c> uses <c>DefaultSeed + k</c>.</summary>
    public const int DefaultSeed = 1;

    public const int FailuresKept = 20;

    private readonly MutantChecker _checker = new();

    public MutationTotals Totals { get; } = new();

    public List<MutationFailure> Failures { get; } = [];

    public TimeSpan Elapsed { get; private set; }

    public void Run(int count)
    {
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < count; k++)
        {
            var mutant = new PlaybookMutator(firstSeed + k).Mutate(seeds[k % seeds.Count]);
            var verdict = _checker.Check(mutant.Text);
            Totals.Add(verdict);
            if (!verdict.Passed && Failures.Count < FailuresKept)
            {
                Failures.Add(new MutationFailure(mutant, verdict));
            }
        }

        Elapsed += clock.Elapsed;
    }
}
