using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation;

/// <summary>
/// A playbook's patterns run on the linear-time engine: what it refuses is a validation error (PB0025) that names
/// the construct, points at it and says what to write instead; what it accepts (nested quantifiers) validates.
/// </summary>
public sealed class PatternValidationTests
{
    [Theory]
    [InlineData(@"^(?=.*[0-9])[a-z0-9]+$", 2, "a lookahead ('(?=' at character 2)", "write what must be there")]
    [InlineData(@"^(?!admin)[a-z]+$", 2, "a negative lookahead ('(?!' at character 2)", "write what must be there")]
    [InlineData(@"^[a-z]+(?<=x)$", 8, "a lookbehind ('(?<=' at character 8)", "write what must be there")]
    [InlineData(@"^([a-z]+)-\1$", 11, @"a backreference ('\1' at character 11)", "write the repeated text out")]
    [InlineData(@"^(?<w>[a-z]+)-\k<w>$", 15, @"a backreference ('\k<' at character 15)", "write the repeated text out")]
    [InlineData(@"^(?>[a-z]+)x$", 2, "an atomic group ('(?>' at character 2)", "write a plain group, (?:...)")]
    [InlineData(@"\G[a-z]", 1, @"the anchor \G ('\G' at character 1)", "with ^")]
    [InlineData(@"^(?(x)xy|z)$", 2, "a conditional ('(?(' at character 2)", "with |")]
    [InlineData(@"(?<o>\()(?<c-o>\))", 9, "a balancing group ('(?<c-o>' at character 9)", "check the nesting in a step")]
    public void Validate_APatternTheLinearEngineRefuses_IsAnErrorAtTheConstructSayingWhatToWrite(string pattern, int character, string named, string fix)
    {
        var yaml = Playbook(pattern);

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "p.yaml").Diagnostics, d => d.IsError);

        Assert.Equal(DiagnosticCodes.UnsupportedRegex, diagnostic.Code);
        Assert.Equal($"the pattern of input 'code' uses {named}, which patterns may not: they are matched in linear time, without backtracking", diagnostic.Message);
        Assert.Contains(fix, diagnostic.Fix, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(6, PatternColumn + character - 1), diagnostic.Location);
    }

    [Fact]
    public void Validate_APatternTooLargeForTheLinearEngine_IsAnErrorAtThePatternSayingToMakeItSmaller()
    {
        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(Playbook("^(x{1000}){1000}$"), "p.yaml").Diagnostics, d => d.IsError);

        Assert.Equal(DiagnosticCodes.UnsupportedRegex, diagnostic.Code);
        Assert.StartsWith("the pattern of input 'code' cannot be matched in linear time: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith("make it smaller", diagnostic.Fix, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(6, PatternColumn - 1), diagnostic.Location);
    }

    [Fact]
    public void Validate_AnErrorPatternWithALookbehind_IsAnErrorAtTheConstruct()
    {
        const string yaml = "id: p\nname: P\nversion: 1.0.0\ntimeout: 5m\nerrors:\n  - match: \"(?<!not )found\"\n    category: configuration\nsteps:\n  - id: a\n    action: log\n    with: { message: hi }\n";

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "p.yaml").Diagnostics);

        Assert.Equal(DiagnosticCodes.UnsupportedRegex, diagnostic.Code);
        Assert.StartsWith("the pattern of this error pattern uses a negative lookbehind", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(6, 13), diagnostic.Location);
    }

    // The audit's pattern: catastrophic for a backtracking engine, linear here, so nothing to report.
    [Theory]
    [InlineData("^([a-z]+)+$")]
    [InlineData("^(a|aa)*$")]
    [InlineData(@"^[\[(?=]+\\1$")] // the constructs' characters inside a class or escaped are plain characters
    public void Validate_NestedQuantifiersAndLookalikes_Validate(string pattern) =>
        Assert.DoesNotContain(new PlaybookValidator().ValidateText(Playbook(pattern), "p.yaml").Diagnostics, d => d.IsError);

    /// <summary>The column of the pattern's first character in <see cref="Playbook"/>.</summary>
    private const int PatternColumn = 35;

    private static string Playbook(string pattern) =>
        "id: p\nname: P\nversion: 1.0.0\ntimeout: 5m\ninputs:\n" +
        $"  code: {{ type: string, pattern: '{pattern.Replace("'", "''", StringComparison.Ordinal)}' }}\n" +
        "steps:\n  - id: a\n    action: log\n    with: { message: \"{{ inputs.code }}\" }\n";
}
