using McpPlaybooks.Engine.Tests.Execution.Bounds;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation;

/// <summary>
/// A variable or a <c>with</c> that would nest deeper than 128 levels of lists and objects is a validation error where it
/// is written (PB0022), with the limit and what to do. Before, it passed validation and the run ended through the engine's
/// fault path (the value's ArgumentException) or, for a variable, in binding the roots at start.
/// </summary>
public sealed class NestingRuleTests
{
    [Fact]
    public void ValidateText_WithNestingPastTheLimitThroughAVariable_IsAnErrorAtTheStepsWith()
    {
        // v126 nests 127 levels; the with puts it in a list in a mapping: 129.
        var yaml = NestedLists.Playbook(126, """
              - id: a
                action: set
                with: { x: ["{{ vars.v126 }}"] }
            """);

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "nested.yaml").Diagnostics, d => d.IsError);

        Assert.Equal(DiagnosticCodes.OutOfRange, diagnostic.Code);
        Assert.Equal("steps[0].with", diagnostic.Path);
        Assert.Equal(135, diagnostic.Line);
        Assert.Equal("the with of step 'a' nests at least 129 levels of lists and objects, more than the 128 a value may", diagnostic.Message);
        Assert.StartsWith("flatten it, or keep the deep part as JSON text (toJson)", diagnostic.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateText_VariableNestingPastTheLimit_IsAnErrorAtTheVariable()
    {
        var yaml = NestedLists.Playbook(128, """
              - id: a
                action: log
                with: { message: "{{ length(vars.v128) }}" }
            """);

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "nested.yaml").Diagnostics, d => d.IsError);

        Assert.Equal(DiagnosticCodes.OutOfRange, diagnostic.Code);
        Assert.Equal("variables.v128", diagnostic.Path);
        Assert.Equal("variable 'v128' nests at least 129 levels of lists and objects, more than the 128 a value may", diagnostic.Message);
    }

    [Fact]
    public void ValidateText_NestingAtTheLimit_IsValid()
    {
        var yaml = NestedLists.Playbook(127, """
              - id: a
                action: set
                with: { x: "{{ vars.v126 }}" }
            """);

        Assert.DoesNotContain(new PlaybookValidator().ValidateText(yaml, "nested.yaml").Diagnostics, d => d.IsError);
    }
}
