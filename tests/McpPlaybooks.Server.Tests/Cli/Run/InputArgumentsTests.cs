using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

public sealed class InputArgumentsTests
{
    private static readonly PlaybookDefinition Playbook = Load(RunPlaybooks.TypedInputs);

    [Fact]
    public void Parse_String_KeepsTextAfterFirstEqualsSign()
    {
        var parsed = Parse(["text=a=b c"]);

        Assert.Empty(parsed.Problems);
        Assert.Equal(Value.From("a=b c"), parsed.Values["text"]);
    }

    [Theory]
    [InlineData("count=42", "count", 42.0)]
    [InlineData("count=1e3", "count", 1000.0)]
    [InlineData("ratio=0.25", "ratio", 0.25)]
    [InlineData("ratio=-3", "ratio", -3.0)]
    public void Parse_Numbers_ParsedInvariantly(string argument, string name, double expected)
    {
        var parsed = Parse([argument]);

        Assert.Empty(parsed.Problems);
        Assert.Equal(Value.From(expected), parsed.Values[name]);
    }

    [Theory]
    [InlineData("count=abc", "input 'count' must be an integer, got 'abc'")]
    [InlineData("count=1.5", "input 'count' must be an integer, got '1.5'")]
    [InlineData("count=", "input 'count' must be an integer, got ''")]
    [InlineData("ratio=1,5", "input 'ratio' must be a number, got '1,5'")]
    [InlineData("ratio=NaN", "input 'ratio' must be a number, got 'NaN'")]
    [InlineData("force=yes", "input 'force' must be true or false, got 'yes'")]
    [InlineData("hosts={\"a\": 1}", "input 'hosts' must be a JSON array, got '{\"a\": 1}'")]
    [InlineData("labels=[1]", "input 'labels' must be a JSON object, got '[1]'")]
    public void Parse_ValueOfWrongType_SaysWhatWasExpected(string argument, string expected)
    {
        var parsed = Parse([argument]);

        Assert.Equal([expected], parsed.Problems);
        Assert.Empty(parsed.Values);
    }

    [Theory]
    [InlineData("pin=hunter2", "input 'pin' must be an integer, got a value (not shown: the input is secret)")]
    [InlineData("armed=hunter2", "input 'armed' must be true or false, got a value (not shown: the input is secret)")]
    [InlineData("keys=[hunter2", "input 'keys' must be a JSON array, got a value (not shown: the input is secret)")]
    [InlineData("keys={\"k\": \"hunter2\"}", "input 'keys' must be a JSON array, got a value (not shown: the input is secret)")]
    public void Parse_SecretValueOfWrongType_NeverQuotesIt(string argument, string expected)
    {
        var secret = Load("""
            id: secret-inputs
            name: Secret inputs
            version: 1.0.0
            inputs:
              pin: { type: integer, secret: true }
              armed: { type: boolean, secret: true }
              keys: { type: array, secret: true }
            steps:
              - id: note
                action: log
                with: { message: hi }
            """);

        var parsed = InputArguments.Parse(secret, [argument], null);

        Assert.Equal([expected], parsed.Problems);
        Assert.DoesNotContain("hunter", parsed.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongValueOfWrongType_QuotesItsStartOnly()
    {
        var parsed = Parse(["count=" + new string('7', 5000) + "x"]);

        Assert.Equal([$"input 'count' must be an integer, got '{new string('7', 100)}…' (5001 characters)"], parsed.Problems);
    }

    [Theory]
    [InlineData("force=true", true)]
    [InlineData("force=false", false)]
    [InlineData("force=True", true)]
    public void Parse_Boolean_TrueOrFalse(string argument, bool expected)
    {
        var parsed = Parse([argument]);

        Assert.Empty(parsed.Problems);
        Assert.Equal(Value.From(expected), parsed.Values["force"]);
    }

    [Fact]
    public void Parse_ArrayAndObject_ParsedAsJson()
    {
        var parsed = Parse(["hosts=[\"a\", \"b\"]", "labels={\"team\": \"sre\", \"n\": 2}"]);

        Assert.Empty(parsed.Problems);
        Assert.Equal(Value.From([Value.From("a"), Value.From("b")]), parsed.Values["hosts"]);
        Assert.Equal(Value.From("sre"), parsed.Values["labels"].AsObject()["team"]);
        Assert.Equal(Value.From(2), parsed.Values["labels"].AsObject()["n"]);
    }

    [Fact]
    public void Parse_ArrayOfInvalidJson_GivesJsonErrorWithPosition()
    {
        var parsed = Parse(["hosts=[a"]);

        var problem = Assert.Single(parsed.Problems);
        Assert.StartsWith("input 'hosts' must be a JSON array, got '[a': ", problem, StringComparison.Ordinal);
        Assert.Contains("BytePositionInLine: 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndeclaredName_PassedThroughAsString()
    {
        var parsed = Parse(["cuont=7"]);

        Assert.Empty(parsed.Problems);
        Assert.Equal(Value.From("7"), parsed.Values["cuont"]);
    }

    [Theory]
    [InlineData("count")]
    [InlineData("=5")]
    public void Parse_NoNameBeforeEquals_IsUsageProblem(string argument)
    {
        var parsed = Parse([argument]);

        Assert.Equal([$"--input '{argument}' must be NAME=VALUE, such as --input service=checkout"], parsed.Problems);
    }

    [Fact]
    public void Parse_InputsJsonAndInput_MergedWithInputWinning()
    {
        var parsed = Parse(["count=3"], """{"count": 1, "text": "from json", "hosts": ["x"]}""");

        Assert.Empty(parsed.Problems);
        Assert.Equal(Value.From(3), parsed.Values["count"]);
        Assert.Equal(Value.From("from json"), parsed.Values["text"]);
        Assert.Equal(Value.From([Value.From("x")]), parsed.Values["hosts"]);
    }

    [Fact]
    public void Parse_RepeatedInput_LastOneWins()
    {
        var parsed = Parse(["text=first", "text=second"]);

        Assert.Equal(Value.From("second"), parsed.Values["text"]);
    }

    [Fact]
    public void Parse_InputsJsonInvalid_GivesPosition()
    {
        var parsed = Parse([], """{"count": 1,}""");

        var problem = Assert.Single(parsed.Problems);
        Assert.StartsWith("--inputs-json is not valid JSON: ", problem, StringComparison.Ordinal);
        Assert.Contains("BytePositionInLine: 12", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("3", "a number")]
    [InlineData("null", "null")]
    public void Parse_InputsJsonNotAnObject_IsProblem(string json, string kind)
    {
        var parsed = Parse([], json);

        Assert.Equal([$"--inputs-json must be a JSON object such as '{{\"name\": \"value\"}}', got {kind}"], parsed.Problems);
    }

    private static ParsedInputs Parse(string[] inputs, string? inputsJson = null) => InputArguments.Parse(Playbook, inputs, inputsJson);

    private static PlaybookDefinition Load(string text)
    {
        var report = new PlaybookValidator().ValidateText(text, "typed.yaml");
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics.Select(d => d.Format("typed.yaml"))));
        return report.Playbook!;
    }
}
