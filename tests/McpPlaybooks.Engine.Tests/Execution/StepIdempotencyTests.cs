using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class StepIdempotencyTests
{
    [Theory]
    [InlineData("action: shell\n    with: { command: [systemctl, restart, nginx] }", false)]
    [InlineData("action: shell\n    with: { command: [df, -h] }", false)]
    [InlineData("action: notify\n    with: { webhook: \"http://127.0.0.1/hook\", text: hi }", false)]
    [InlineData("action: http\n    with: { url: \"http://127.0.0.1/x\" }", true)]
    [InlineData("action: http\n    with: { method: GET, url: \"http://127.0.0.1/x\" }", true)]
    [InlineData("action: http\n    with: { method: get, url: \"http://127.0.0.1/x\" }", true)]
    [InlineData("action: http\n    with: { method: HEAD, url: \"http://127.0.0.1/x\" }", true)]
    [InlineData("action: http\n    with: { method: OPTIONS, url: \"http://127.0.0.1/x\" }", true)]
    [InlineData("action: http\n    with: { method: POST, url: \"http://127.0.0.1/x\" }", false)]
    [InlineData("action: http\n    with: { method: DELETE, url: \"http://127.0.0.1/x\" }", false)]
    [InlineData("action: http\n    with: { method: \"{{ inputs.method }}\", url: \"http://127.0.0.1/x\" }", false)]
    [InlineData("action: wait\n    with: { duration: 5s }", true)]
    [InlineData("action: wait_for\n    with: { that: \"true\", interval: 1s, timeout: 5s }", true)]
    [InlineData("action: set\n    with: { a: 1 }", true)]
    [InlineData("action: assert\n    with: { that: \"true\" }", true)]
    [InlineData("action: log\n    with: { message: hi }", true)]
    [InlineData("action: event\n    with: { type: deployed }", true)]
    [InlineData("action: approval\n    with: { message: ok? }", true)]
    [InlineData("action: playbook\n    with: { id: child }", true)]
    public void IsIdempotent_ByAction(string step, bool expected)
    {
        Assert.Equal(expected, IsIdempotent(step));
    }

    [Fact]
    public void IsIdempotent_StepMarkedTrue_WinsOverANonIdempotentAction()
    {
        Assert.True(IsIdempotent("action: shell\n    idempotent: true\n    with: { command: [systemctl, restart, nginx] }"));
        Assert.True(IsIdempotent("action: http\n    idempotent: true\n    with: { method: POST, url: \"http://127.0.0.1/x\" }"));
    }

    [Fact]
    public void IsIdempotent_StepMarkedFalse_WinsOverAnIdempotentAction()
    {
        Assert.False(IsIdempotent("action: http\n    idempotent: false\n    with: { url: \"http://127.0.0.1/x\" }"));
        Assert.False(IsIdempotent("action: playbook\n    idempotent: false\n    with: { id: child }"));
    }

    private static bool IsIdempotent(string step)
    {
        var yaml = $"id: t\nname: T\nversion: 1.0.0\ninputs:\n  method: {{ type: string }}\nsteps:\n  - id: a\n    {step}\n";
        var report = new PlaybookValidator().ValidateText(yaml, "t.yaml");
        var definition = Assert.Single(Assert.IsType<Definitions.PlaybookDefinition>(report.Playbook).Steps);
        var descriptor = ActionCatalog.BuiltIn.Find(definition.Action);
        Assert.NotNull(descriptor);
        return StepIdempotency.IsIdempotent(definition, descriptor);
    }
}
