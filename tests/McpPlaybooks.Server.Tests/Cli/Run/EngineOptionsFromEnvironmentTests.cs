using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

public sealed class EngineOptionsFromEnvironmentTests
{
    [Fact]
    public void Read_AllSet_FillsOptions()
    {
        var environment = new Dictionary<string, string>
        {
            ["MCPPLAYBOOKS_SECRETS_FILE"] = "/etc/playbooks/secrets",
            ["MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS"] = "true",
            ["MCPPLAYBOOKS_EXECUTABLE_ALLOWLIST"] = "systemctl, /usr/bin/journalctl,,",
            ["MCPPLAYBOOKS_HOST_ALLOWLIST"] = "api.example.com,*.internal",
        };
        var problems = new List<string>();

        var options = EngineOptionsFromEnvironment.Read("/data", environment.GetValueOrDefault, problems);

        Assert.Empty(problems);
        Assert.Equal("/data", options.DataDirectory);
        Assert.Equal("/etc/playbooks/secrets", options.SecretsFile);
        Assert.True(options.AllowShellScripts);
        Assert.Equal(["systemctl", "/usr/bin/journalctl"], options.ExecutableAllowlist);
        Assert.Equal(["api.example.com", "*.internal"], options.HostAllowlist);
    }

    [Fact]
    public void Read_NothingSet_KeepsSafeDefaults()
    {
        var problems = new List<string>();

        var options = EngineOptionsFromEnvironment.Read("/data", _ => null, problems);

        Assert.Empty(problems);
        Assert.Null(options.SecretsFile);
        Assert.False(options.AllowShellScripts);
        Assert.Empty(options.ExecutableAllowlist);
        Assert.Empty(options.HostAllowlist);
    }

    [Fact]
    public void Read_BooleanNotTrueOrFalse_IsProblemAndStaysOff()
    {
        var problems = new List<string>();

        var options = EngineOptionsFromEnvironment.Read("/data", name => name == "MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS" ? "yes" : null, problems);

        Assert.Equal(["MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS must be true or false, got 'yes'"], problems);
        Assert.False(options.AllowShellScripts);
    }
}
