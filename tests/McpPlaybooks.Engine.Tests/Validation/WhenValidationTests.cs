using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation;

/// <summary>A <c>when</c> that is always the same text is an error (PB0118): text is not a condition.</summary>
public sealed class WhenValidationTests
{
    [Theory]
    [InlineData("\"'false'\"", "false")]
    [InlineData("\"'no'\"", "no")]
    [InlineData("\"'0'\"", "0")]
    [InlineData("\"{{ 'false' }}\"", "false")]
    public void Validate_AWhenThatIsAConstantText_IsAnErrorAtTheWhen(string when, string text)
    {
        var yaml = $"id: w\nname: W\nversion: 1.0.0\ntimeout: 5m\nsteps:\n  - id: a\n    when: {when}\n    action: log\n    with: {{ message: hi }}\nfinally:\n  - action: log\n    when: {when}\n    with: {{ message: bye }}\n";

        var diagnostics = new PlaybookValidator().ValidateText(yaml, "w.yaml").Diagnostics;

        Assert.Collection(
            diagnostics,
            d =>
            {
                Assert.Equal((DiagnosticCodes.ConditionIsText, DiagnosticSeverity.Error, new SourceLocation(7, 11)), (d.Code, d.Severity, d.Location));
                Assert.Equal($"the 'when' of step 'a' is the text '{text}' (quoted inside the expression), not a condition: a when gives true or false", d.Message);
                Assert.StartsWith("write true or false without quotes inside", d.Fix, StringComparison.Ordinal);
            },
            d => Assert.Equal((DiagnosticCodes.ConditionIsText, new SourceLocation(12, 11)), (d.Code, d.Location)));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("\"false\"")]
    [InlineData("\"1 == 2\"")]
    public void Validate_AWhenThatIsAConstantBooleanOrComparison_IsTheConstantConditionWarning(string when)
    {
        var yaml = $"id: w\nname: W\nversion: 1.0.0\ntimeout: 5m\nsteps:\n  - id: a\n    when: {when}\n    action: log\n    with: {{ message: hi }}\n";

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "w.yaml").Diagnostics);

        Assert.Equal((DiagnosticCodes.ConstantCondition, DiagnosticSeverity.Warning), (diagnostic.Code, diagnostic.Severity));
    }
}
