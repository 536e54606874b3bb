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

    [Fact]
    public void Read_TestHooksAndFolders_SetKillLeaseAndPlaybookDirectories()
    {
        var environment = new Dictionary<string, string>
        {
            ["MCPPLAYBOOKS_TEST_KILL_AFTER_COMMITS"] = "7",
            ["MCPPLAYBOOKS_TEST_LEASE_MS"] = "400",
        };
        var problems = new List<string>();

        var options = EngineOptionsFromEnvironment.Read("/data", environment.GetValueOrDefault, problems, ["/here/playbooks", "/app/playbooks"], resumeOnOpen: false);

        Assert.Empty(problems);
        Assert.Equal(7, options.KillAfterCommits);
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.LeaseDuration);
        Assert.Equal(["/here/playbooks", "/app/playbooks"], options.PlaybookDirectories);
        Assert.False(options.ResumeOnOpen);
    }

    [Fact]
    public void Read_NoTestHooks_NeverKillsAndKeepsTheDefaultLease()
    {
        var options = EngineOptionsFromEnvironment.Read("/data", _ => null, []);

        Assert.Null(options.KillAfterCommits);
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseDuration);
        Assert.True(options.ResumeOnOpen);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("two")]
    public void Read_KillAfterCommitsNotPositive_IsProblemAndNeverKills(string value)
    {
        var problems = new List<string>();

        var options = EngineOptionsFromEnvironment.Read("/data", name => name == "MCPPLAYBOOKS_TEST_KILL_AFTER_COMMITS" ? value : null, problems);

        Assert.Equal([$"MCPPLAYBOOKS_TEST_KILL_AFTER_COMMITS must be a positive whole number, got '{value}'"], problems);
        Assert.Null(options.KillAfterCommits);
    }
}
