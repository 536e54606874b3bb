using System.Text.Json;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Tests.Cli.Commands;

/// <summary><c>token new</c>: a random token shown once, and an entry with only its digest that the tokens file accepts.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task TokenNew_IdentityAndRoles_PrintsATokenAndAnEntryTheFileAccepts()
    {
        var result = await InProcessCli.RunAsync("token", "new", "--identity", "alice", "--roles", "operator, approver,oncall");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var token = result.OutLines[1].Trim();
        var entry = result.OutLines[4].Trim();
        Assert.Equal(43, token.Length); // 32 bytes, base64url without padding
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.DoesNotContain(token, entry, StringComparison.Ordinal);
        Assert.Equal($$"""{"identity": "alice", "roles": ["operator", "approver", "oncall"], "sha256": "{{AccessTokens.Digest(token)}}"}""", entry);

        using var folder = new TempDirectory();
        var tokens = AccessTokenFile.Load(folder.Write("tokens.json", $$"""{"tokens": [{{entry}}]}"""));
        Assert.Equal(new HttpCaller("alice", ["operator", "approver", "oncall"]).Identity, tokens.Find(token)!.Identity);
    }

    [Fact]
    public async Task TokenNew_TwoRuns_DifferentTokens()
    {
        var first = await InProcessCli.RunAsync("token", "new", "--identity", "bot", "--roles", "viewer", "--json");
        var second = await InProcessCli.RunAsync("token", "new", "--identity", "bot", "--roles", "viewer", "--json");

        using var one = JsonDocument.Parse(first.Out);
        using var two = JsonDocument.Parse(second.Out);
        var token = one.RootElement.GetProperty("token").GetString()!;
        Assert.NotEqual(token, two.RootElement.GetProperty("token").GetString());
        Assert.Equal(AccessTokens.Digest(token), one.RootElement.GetProperty("entry").GetProperty("sha256").GetString());
        Assert.Equal("bot", one.RootElement.GetProperty("entry").GetProperty("identity").GetString());
    }

    [Theory]
    [InlineData("alice", "oncall", "the roles (oncall) include no server role")]
    [InlineData("alice", ",", "the roles are empty")]
    [InlineData("mcp:alice", "viewer", "contains ':'")]
    public async Task TokenNew_BadIdentityOrRoles_ExitTwoAndNoToken(string identity, string roles, string expected)
    {
        var result = await InProcessCli.RunAsync("token", "new", "--identity", identity, "--roles", roles);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenNew_NoRoles_UsageError()
    {
        var result = await InProcessCli.RunAsync("token", "new", "--identity", "alice");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--roles", result.Error, StringComparison.Ordinal);
    }
}
