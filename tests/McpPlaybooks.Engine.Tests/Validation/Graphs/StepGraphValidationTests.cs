using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation.Graphs;

/// <summary>The step graph's diagnostics on chains, cycles and diamonds, and the validator's cost on big graphs.</summary>
public sealed class StepGraphValidationTests
{
    private const string Header = "id: g\nname: G\nversion: 1.0.0\ntimeout: 5m\nsteps:\n";

    // Quadratic closures took 4.7 GB for this chain (1.4 GB live); linear validation allocates about 240 MB.
    private const long ChainAllocationBound = 640L * 1024 * 1024;

    [Fact]
    public void ValidateText_EightThousandStepChain_AllocatesWithinALinearBound()
    {
        var text = LargePlaybooks.Chain(8_000, closed: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = new PlaybookValidator().ValidateText(text, "chain.yaml");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(report.Diagnostics);
        Assert.True(allocated < ChainAllocationBound, $"validating 8,000 chained steps allocated {allocated / 1048576} MB");
    }

    [Fact]
    public void ValidateText_EightThousandStepCycle_ReportsOneShortenedCycle()
    {
        var report = new PlaybookValidator().ValidateText(LargePlaybooks.Chain(8_000, closed: true), "cycle.yaml");

        var cycle = Assert.Single(report.Diagnostics, d => d.Code == DiagnosticCodes.DependencyCycle);
        Assert.Equal("dependency cycle: s1 -> s8000 -> s7999 -> s7998 -> s7997 -> ... -> s6 -> s5 -> s4 -> s3 -> s2 -> s1 (8,000 steps)", cycle.Message);
        Assert.Equal("remove 's1' from the needs of 's2', or break the cycle elsewhere", cycle.Fix);
    }

    [Fact]
    public void ValidateText_ManyUnknownNeeds_ListsAFewStepIdsInEachFix()
    {
        var report = new PlaybookValidator().ValidateText(LargePlaybooks.UnknownNeeds(2_000), "unknown.yaml");

        Assert.Equal(2_000, report.Diagnostics.Count(d => d.Code == DiagnosticCodes.UnknownNeed));
        var last = report.Diagnostics[^1];
        Assert.Equal("use one of the step ids: s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, ... (1,990 more)", last.Fix);
    }

    [Fact]
    public void ValidateText_Diamond_ReadsEveryStepUpstreamAndNoSibling()
    {
        var report = Validate(
            Step("a", [], "start"),
            Step("b", ["a"], "{{ steps.a.status }}"),
            Step("c", ["a"], "{{ steps.b.status }}"),
            Step("d", ["b", "c"], "{{ steps.a.status }} {{ steps.b.status }} {{ steps.c.status }} {{ steps.d.status }}"));

        Assert.Equal(
            ["PB0114 step 'c' reads step 'b'", "PB0114 step 'd' reads step 'd'"],
            report.Diagnostics.Select(d => $"{d.Code} {d.Message[..d.Message.IndexOf(',', StringComparison.Ordinal)]}"));
    }

    [Fact]
    public void ValidateText_RollbackReadsItsOwnStep_IsUpstreamButItsWithIsNot()
    {
        var yaml = Header + "  - id: a\n    action: log\n    with: { message: \"{{ steps.a.status }}\" }\n    rollback:\n      - action: log\n        with: { message: \"{{ steps.a.status }}\" }\n";

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "g.yaml").Diagnostics);

        Assert.Equal(DiagnosticCodes.StepNotUpstream, diagnostic.Code);
        Assert.Equal(8, diagnostic.Location.Line);
    }

    [Fact]
    public void ValidateText_TwoCyclesSharingAStep_AreOneDiagnosticAndADisjointCycleAnother()
    {
        var report = Validate(
            Step("a", ["b"], "a"),
            Step("b", ["a", "c"], "b"),
            Step("c", ["b"], "c"),
            Step("x", ["y"], "x"),
            Step("y", ["x"], "y"));

        Assert.Equal(
            ["dependency cycle: a -> b -> a", "dependency cycle: x -> y -> x"],
            report.Diagnostics.Where(d => d.Code == DiagnosticCodes.DependencyCycle).Select(d => d.Message));
    }

    [Fact]
    public void ValidateText_StepsInACycle_ReadEachOtherButNotThemselves()
    {
        var report = Validate(
            Step("a", ["b"], "{{ steps.b.status }} {{ steps.a.status }}"),
            Step("b", ["a"], "{{ steps.a.status }}"));

        Assert.Equal(
            [DiagnosticCodes.DependencyCycle, DiagnosticCodes.StepNotUpstream],
            report.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateText_VariableReadsALaterVariableOrAStep_IsRefused()
    {
        var yaml = "id: g\nname: G\nversion: 1.0.0\ntimeout: 5m\nvariables:\n  a: \"{{ vars.b }}\"\n  b: \"{{ vars.a }}\"\n  c: \"{{ steps.s.status }}\"\n"
            + "steps:\n  - id: s\n    action: log\n    with: { message: \"{{ vars.c }}\" }\n";

        var report = new PlaybookValidator().ValidateText(yaml, "g.yaml");

        Assert.Equal(
            [$"{DiagnosticCodes.UnknownVariable} 6", $"{DiagnosticCodes.StepNotUpstream} 8"],
            report.Diagnostics.Select(d => $"{d.Code} {d.Location.Line}"));
    }

    private static ValidationReport Validate(params string[] steps) =>
        new PlaybookValidator().ValidateText(Header + string.Concat(steps), "g.yaml");

    private static string Step(string id, string[] needs, string message) =>
        $"  - id: {id}\n" + (needs.Length > 0 ? $"    needs: [{string.Join(", ", needs)}]\n" : "") + $"    action: log\n    with: {{ message: \"{message}\" }}\n";
}
