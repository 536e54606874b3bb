using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Loading;

public sealed class PlaybookModelBuilderTests
{
    [Fact]
    public void ValidateFile_RestartPlaybook_BuildsEveryPartOfTheModel()
    {
        var report = new PlaybookValidator().ValidateFile(Path.Combine(TestPaths.Playbooks, "restart-unhealthy-service.yaml"));

        var playbook = Assert.IsType<PlaybookDefinition>(report.Playbook);
        Assert.Equal("restart-unhealthy-service", playbook.Id);
        Assert.Equal(FailurePolicy.Rollback, playbook.OnFailure);
        Assert.NotEmpty(playbook.Triggers);
        Assert.Contains(playbook.Inputs, i => i.Name == "service" && i.Type == InputType.String && i.Required);
        Assert.NotNull(playbook.Defaults.Timeout);
        Assert.NotNull(playbook.Defaults.Retry?.RetryOn);
        var restart = Assert.Single(playbook.Steps, s => s.Id == "restart");
        Assert.Equal("shell", restart.Action);
        Assert.NotEmpty(restart.Needs);
        Assert.NotNull(restart.When);
        Assert.NotNull(restart.Approval);
        Assert.NotEmpty(restart.Approval.Approvers);
        Assert.NotEmpty(restart.Rollback);
        Assert.NotEmpty(restart.Verify);
        Assert.IsType<ListTemplate>(restart.With["command"]);
        Assert.NotEmpty(playbook.Finally);
    }

    [Fact]
    public void Build_Templates_KeepTheValueTypeOfASingleExpression()
    {
        var playbook = Build("""
            id: t
            name: T
            version: 1.0.0
            timeout: 5m
            inputs:
              count: { type: integer, default: 3 }
            steps:
              - id: a
                action: set
                with: { n: "{{ inputs.count }}", text: "n={{ inputs.count }}", plain: hello, list: [1, "{{ inputs.count }}"] }
            """);

        var scope = new ExpressionScope();
        scope.Add("inputs", Value.From([new KeyValuePair<string, Value>("count", Value.From(3))]));
        var rendered = playbook.Steps[0].With.Render(scope);

        Assert.Equal(ValueKind.Number, rendered.AsObject()["n"].Kind);
        Assert.Equal("n=3", rendered.AsObject()["text"].AsString());
        Assert.Equal("hello", rendered.AsObject()["plain"].AsString());
        Assert.Equal(3, rendered.AsObject()["list"].AsList()[1].AsNumber());
        Assert.True(playbook.Steps[0].With["plain"]!.IsLiteral);
    }

    [Theory]
    [InlineData("inputs.force")]
    [InlineData("\"{{ inputs.force }}\"")]
    [InlineData("\"  {{inputs.force}}  \"")]
    public void Build_When_AcceptsABareExpressionWithOrWithoutBraces(string when)
    {
        var playbook = Build($"""
            id: t
            name: T
            version: 1.0.0
            timeout: 5m
            inputs:
              force: {"{"} type: boolean, default: false {"}"}
            steps:
              - id: a
                when: {when}
                action: log
                with: {"{"} message: hi {"}"}
            """);

        var condition = Assert.IsType<BareExpression>(playbook.Steps[0].When);
        var scope = new ExpressionScope();
        scope.Add("inputs", Value.From([new KeyValuePair<string, Value>("force", Value.True)]));
        Assert.True(condition.Expression.Evaluate(scope).IsTruthy);
    }

    [Fact]
    public void Build_AssertThat_IsCompiledAsABareExpression()
    {
        var playbook = Build("""
            id: t
            name: T
            version: 1.0.0
            timeout: 5m
            steps:
              - id: a
                action: assert
                with: { that: "1 == 1", message: "always" }
            """);

        Assert.IsType<ExpressionTemplate>(playbook.Steps[0].With["that"]);
        Assert.IsType<LiteralTemplate>(playbook.Steps[0].With["message"]);
    }

    private static PlaybookDefinition Build(string yaml)
    {
        var report = new PlaybookValidator().ValidateText(yaml, "test.yaml");
        Assert.Empty(report.Diagnostics.Select(d => d.Format("test.yaml")));
        return Assert.IsType<PlaybookDefinition>(report.Playbook);
    }
}
