using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Validation;

/// <summary>An integer beyond 64 bits is out of range, and the message says so with the range (it was "must be an integer, not an integer").</summary>
public sealed class IntegerRangeTests
{
    private const string Huge = "99999999999999999999";

    [Theory]
    [InlineData($"concurrency: {Huge}\n", "'concurrency' is 99999999999999999999, outside the allowed range [1, 64]")]
    [InlineData($"inputs:\n  n: {{ type: string, min_length: {Huge} }}\n", "'inputs.n.min_length' is 99999999999999999999, outside the allowed range [0, 9223372036854775807]")]
    [InlineData($"inputs:\n  n: {{ type: string, max_length: -{Huge} }}\n", "'inputs.n.max_length' is -99999999999999999999, outside the allowed range [0, 9223372036854775807]")]
    [InlineData("inputs:\n  n: { type: string, min_length: 0xFFFFFFFFFFFFFFFF }\n", "'inputs.n.min_length' is 0xFFFFFFFFFFFFFFFF, outside the allowed range [0, 9223372036854775807]")]
    public void ValidateText_IntegerBeyond64BitsInTheFormat_IsOutOfRangeWithTheRange(string field, string expected)
    {
        var yaml = "id: big\nname: Big\nversion: 1.0.0\ntimeout: 5m\n" + field + "steps:\n  - id: a\n    action: log\n    with: { message: \"{{ inputs }}\" }\n";

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "big.yaml").Diagnostics, d => d.IsError);

        Assert.Equal(DiagnosticCodes.OutOfRange, diagnostic.Code);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateText_ParameterIntegerBeyond64Bits_IsOutOfRangeWithTheRange()
    {
        var yaml = $"id: big\nname: Big\nversion: 1.0.0\ntimeout: 5m\nsteps:\n  - id: a\n    action: approval\n    with: {{ approvers: [oncall], min_approvals: {Huge} }}\n";

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "big.yaml").Diagnostics);

        Assert.Equal(DiagnosticCodes.OutOfRange, diagnostic.Code);
        Assert.Equal(
            $"parameter 'min_approvals' of approval in step 'a' is {Huge}, outside the range of a 64-bit integer [-9223372036854775808, 9223372036854775807]",
            diagnostic.Message);
    }

    [Fact]
    public void ValidateText_IntegerInputDefaultBeyond64Bits_SaysItIsOutOfRange()
    {
        var yaml = $"id: big\nname: Big\nversion: 1.0.0\ntimeout: 5m\ninputs:\n  n: {{ type: integer, default: {Huge} }}\nsteps:\n  - id: a\n    action: log\n    with: {{ message: \"{{{{ inputs.n }}}}\" }}\n";

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "big.yaml").Diagnostics);

        Assert.Equal(DiagnosticCodes.InputDefaultMismatch, diagnostic.Code);
        Assert.Equal(
            "the default of input 'n' is 1E+20, outside the range of a 64-bit integer [-9223372036854775808, 9223372036854775807]",
            diagnostic.Message);
    }

    [Fact]
    public void Bind_IntegerInputBeyond64Bits_IsOutOfRange()
    {
        var playbook = Load("id: big\nname: Big\nversion: 1.0.0\ninputs:\n  n: { type: integer }\nsteps:\n  - id: a\n    action: log\n    with: { message: \"{{ inputs.n }}\" }\n");

        var binding = InputBinder.Bind(playbook, Inputs(("n", Value.From(1e20))));

        Assert.Equal(["input 'n' is 1E+20, outside the range of a 64-bit integer [-9223372036854775808, 9223372036854775807]"], binding.Problems);
    }
}
