using McpPlaybooks.Engine.Tests.Validation.Mutation;
using McpPlaybooks.Engine.Validation;
using Xunit.Abstractions;

namespace McpPlaybooks.Engine.Tests.Validation;

/// <summary>
/// Robustness of the validator: thousands of damaged playbooks, and documents made to hurt a parser.
/// No exception may escape, and every error must be located in the text.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    /// <summary>At least this many mutants per normal test run (the benchmarks' <c>mutate</c> command runs more).</summary>
    private const int MinimumMutants = 3_000;

    [Fact]
    public void ValidateText_ThousandsOfMutatedPlaybooks_NeverThrowsAndLocatesEveryError()
    {
        var seeds = MutationSeeds.Load();
        var perSeed = (MinimumMutants + seeds.Count - 1) / seeds.Count;
        var campaign = new MutationCampaign(seeds);

        campaign.Run(perSeed * seeds.Count);

        var totals = campaign.Totals;
        output.WriteLine($"{totals} seeds={seeds.Count} ({perSeed} mutants each) in {campaign.Elapsed.TotalSeconds:F1}s");
        Assert.True(
            campaign.Failures.Count == 0,
            $"{totals}; the first {campaign.Failures.Count} failing mutants:\n\n{string.Join("\n\n", campaign.Failures.Select(f => f.Describe()))}");
        Assert.Equal(0, totals.Crashes);
        Assert.True(totals.RejectedShare > 0.30, $"only {totals.RejectedShare:P1} of the mutants were rejected: does the validator accept everything? {totals}");
        Assert.True(totals.CleanShare > 0.05, $"only {totals.CleanShare:P1} of the mutants were clean: are the seeds themselves invalid? {totals}");
    }

    [Fact]
    public void Mutate_SameSeed_MakesTheSameMutant()
    {
        var seed = MutationSeeds.Load()[0];

        for (var i = 0; i < 50; i++)
        {
            var first = new PlaybookMutator(i).Mutate(seed);
            var second = new PlaybookMutator(i).Mutate(seed);

            Assert.Equal(first.Text, second.Text);
            Assert.Equal(first.Operations, second.Operations);
        }
    }

    [Fact]
    public void Mutate_ManySeeds_UsesEveryOperatorAndChangesTheText()
    {
        var seed = MutationSeeds.Load()[0];

        var mutants = Enumerable.Range(0, 500).Select(i => new PlaybookMutator(i).Mutate(seed)).ToList();

        var used = mutants.SelectMany(m => m.Operations).Select(o => o.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(
            ["delete-block", "delete-line", "duplicate-block", "duplicate-line", "insert-punctuation", "rename-key", "replace-operator", "retype-value", "shift-indentation", "swap-lines", "truncate"],
            used.Order(StringComparer.Ordinal));
        Assert.Contains(mutants, m => m.Operations.Count >= 2);
        Assert.True(mutants.Count(m => m.Text != seed.Text) > 450, "most mutants differ from their seed");
    }

    public static TheoryData<string> HostileNames => [.. HostileDocuments.Names];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void ValidateText_HostileDocument_GivesLocatedDiagnosticsWithBoundedWork(string name)
    {
        var text = HostileDocuments.Create(name);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var report = new PlaybookValidator().ValidateText(text, name);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{name}: {text.Length:N0} characters, {report.Diagnostics.Count} diagnostic(s), {allocated:N0} bytes allocated; first: {report.Diagnostics.FirstOrDefault()?.Format(name)}");
        var verdict = new MutantChecker().Check(text);
        Assert.True(verdict.Passed, string.Join("\n", verdict.Violations));
        if (name == HostileDocuments.ValidJson)
        {
            Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics.Select(d => d.Format(name))));
            Assert.NotNull(report.Playbook);
        }
        else
        {
            Assert.True(report.HasErrors, $"{name} should be rejected");
        }

        // Work bounded by the input, not by a clock (the machine is shared): an alias bomb expanded, or nesting that copies
        // itself at each level, allocates far past this (the largest today: many-nodes, ~190 bytes a character).
        Assert.True(allocated < (256L * text.Length) + (16L << 20), $"{name}: {allocated:N0} bytes allocated for {text.Length:N0} characters");
    }
}
