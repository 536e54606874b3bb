using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Golden;

/// <summary>
/// Each invalid playbook in Golden/Invalid states, in its header, every diagnostic it must produce:
/// severity, code, line and column. The corpus is written from tests/golden/cases by make_golden.py.
/// </summary>
public sealed class GoldenCorpusTests
{
    /// <summary>The corpus is validated as where no secret is set: a secret it reads is a PB1007 warning.</summary>
    private static readonly PlaybookValidator Validator = new() { SecretIsSet = _ => false };

    public static TheoryData<string> Cases() => [.. GoldenCase.Names()];

    /// <summary>The validator's report with the cycles of child playbooks (PB1009) the file makes with itself, as the catalogue adds them.</summary>
    private static ValidationReport Validate(string path)
    {
        var report = Validator.ValidateFile(path);
        return report.Playbook is { } playbook ? ChildCycles.Check(report, new PlaybookLookup([playbook])) : report;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValidateFile_GoldenCase_ProducesExactlyTheExpectedDiagnostics(string name)
    {
        var golden = GoldenCase.Load(name);
        Assert.NotEmpty(golden.Expected);

        var report = Validate(golden.Path);

        var actual = report.Diagnostics
            .Select(d => $"{(d.IsError ? "error" : "warning")} {d.Code} {d.Location.Line}:{d.Location.Column}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var detail = string.Join(Environment.NewLine, report.Diagnostics.Select(d => d.Format(name)));
        Assert.True(golden.Expected.SequenceEqual(actual), $"expected:{Environment.NewLine}{string.Join(Environment.NewLine, golden.Expected)}{Environment.NewLine}actual:{Environment.NewLine}{detail}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValidateFile_GoldenCase_EveryDiagnosticSaysHowToFixIt(string name)
    {
        var report = Validate(GoldenCase.Load(name).Path);

        Assert.All(report.Diagnostics, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
            Assert.False(string.IsNullOrWhiteSpace(d.Fix));
            Assert.True(d.Location.IsKnown);
        });
    }

    [Fact]
    public void Corpus_CoversEveryErrorCode()
    {
        var expected = GoldenCase.Names().SelectMany(n => GoldenCase.Load(n).Expected).Select(e => e.Split(' ')[1]).ToHashSet();
        var codes = typeof(DiagnosticCodes).GetFields().Select(f => (string)f.GetValue(null)!)
            .Except([DiagnosticCodes.DocumentTooLarge, DiagnosticCodes.FileUnreadable, DiagnosticCodes.SchemaViolation]);

        var missing = codes.Where(c => !expected.Contains(c)).ToList();

        Assert.True(missing.Count == 0, $"no golden case for: {string.Join(", ", missing)}");
    }
}
