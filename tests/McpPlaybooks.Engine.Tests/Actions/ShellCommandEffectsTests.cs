using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Actions;

public sealed class ShellCommandEffectsTests
{
    [Theory]
    [InlineData("[df, -h]")]
    [InlineData("[/usr/bin/df, -h]")]
    [InlineData("[systemctl, show, nginx]")]
    [InlineData("[kubectl, --context, \"{{ inputs.ctx }}\", get, pods]")]
    [InlineData("[kubectl, patch, deploy, x, --dry-run=server]")]
    [InlineData("[journalctl, -u, nginx, -n, '50']")]
    [InlineData("[nginx, -t]")]
    [InlineData("[curl, -sS, http://127.0.0.1/health]")]
    public void IsDestructive_ReadOnlyCommand_IsFalse(string command)
    {
        Assert.False(IsDestructive(command));
    }

    [Theory]
    [InlineData("[systemctl, restart, nginx]")]
    [InlineData("[kubectl, --context, \"{{ inputs.ctx }}\", patch, deploy, x]")]
    [InlineData("[journalctl, --vacuum-size, 1G]")]
    [InlineData("[nginx, -s, reload]")]
    [InlineData("[curl, -X, POST, http://127.0.0.1/hook]")]
    [InlineData("[rm, -rf, /tmp/x]")]
    [InlineData("[\"{{ inputs.program }}\", status]")]
    [InlineData("[kubectl, frobnicate]")]
    public void IsDestructive_ChangingOrUnknownCommand_IsTrue(string command)
    {
        Assert.True(IsDestructive(command));
    }

    private static bool IsDestructive(string command)
    {
        var yaml = $"id: t\nname: T\nversion: 1.0.0\ntimeout: 5m\ninputs:\n  ctx: {{ type: string }}\n  program: {{ type: string }}\nsteps:\n  - id: a\n    action: shell\n    with: {{ command: {command} }}\n";
        var report = new PlaybookValidator().ValidateText(yaml, "t.yaml");
        var step = report.Playbook!.Steps[0];
        return ActionCatalog.BuiltIn.Find("shell")!.IsDestructive(step.With);
    }
}
