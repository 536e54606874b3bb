using McpPlaybooks.Engine.Actions.Shell;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

public sealed class ShellTargetTests
{
    [Theory]
    [InlineData(new[] { "kubectl", "get", "pods", "-n", "prod" }, "exec:kubectl get pods")]
    [InlineData(new[] { "kubectl", "rollout", "restart", "deployment/web" }, "exec:kubectl rollout restart")]
    [InlineData(new[] { "systemctl", "restart", "nginx" }, "exec:systemctl restart nginx")]
    [InlineData(new[] { "systemctl", "is-active", "nginx" }, "exec:systemctl is-active nginx")]
    [InlineData(new[] { "curl", "-fsS", "https://api.example.com/v1/health?x=1" }, "exec:curl https://api.example.com:443")]
    [InlineData(new[] { "du", "-sh", "/var/log/nginx/" }, "exec:du nginx")]
    [InlineData(new[] { "sleep", "30" }, "exec:sleep #")]
    [InlineData(new[] { "env", "LEVEL=debug", "app" }, "exec:env LEVEL=* app")]
    [InlineData(new[] { "/usr/bin/true" }, "exec:/usr/bin/true")]
    public void Of_ACommand_IsItsProgramAndFirstArgumentsNormalised(string[] command, string expected) =>
        Assert.Equal(expected, ShellTarget.Of(command));

    [Fact]
    public void Of_TwoShScripts_AreDifferentTargetsNamedByTheirFirstWords()
    {
        var failing = ShellTarget.Of(["sh", "-c", "echo 'connect: connection refused' >&2; exit 1"]);
        var hello = ShellTarget.Of(["sh", "-c", "echo hello"]);

        Assert.NotEqual(failing, hello);
        Assert.StartsWith("exec:sh -c [echo connect:] #", failing, StringComparison.Ordinal);
        Assert.StartsWith("exec:sh -c [echo hello] #", hello, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ScriptsDifferingOnlyInNumbers_ShareATarget() =>
        Assert.Equal(ShellTarget.Of(["/bin/sh", "-c", "sleep 5; exit 3"]), ShellTarget.Of(["/bin/sh", "-c", "sleep 10; exit 75"]));

    [Fact]
    public void Of_BashWithAnOptionCluster_IsKeyedByItsScript() =>
        Assert.StartsWith("exec:bash -c [systemctl restart] #", ShellTarget.Of(["bash", "-ec", "set -u\nsystemctl restart nginx"]), StringComparison.Ordinal);
}
