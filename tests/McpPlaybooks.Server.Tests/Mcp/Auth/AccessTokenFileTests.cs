using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.Auth;

/// <summary>The tokens file: digests or plain tokens, and a precise refusal for everything doubtful.</summary>
public sealed class AccessTokenFileTests
{
    private const string Plain = "plain-text-token-of-ci";

    [Fact]
    public void Load_DigestAndPlainEntries_FindsEachCallerByItsToken()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("tokens.json", $$"""
            {
              // Comments and trailing commas are allowed.
              "tokens": [
                { "identity": "alice", "roles": ["operator", "approver", "oncall"], "sha256": "{{AccessTokens.Digest("alice-secret-token-1234").ToUpperInvariant()}}" },
                { "identity": "ci-bot", "roles": ["viewer", "viewer"], "token": "{{Plain}}" },
              ]
            }
            """);

        var tokens = AccessTokenFile.Load(path);

        Assert.Equal(2, tokens.Count);
        var alice = tokens.Find("alice-secret-token-1234");
        Assert.Equal("alice", alice!.Identity);
        Assert.Equal(["operator", "approver", "oncall"], alice.Roles);
        Assert.Equal(new HttpCaller("ci-bot", ["viewer"]).Identity, tokens.Find(Plain)!.Identity);
        Assert.Equal(["viewer"], tokens.Find(Plain)!.Roles);
        Assert.Null(tokens.Find("alice-secret-token-123"));
        Assert.Null(tokens.Find(AccessTokens.Digest("alice-secret-token-1234")));
    }

    [Theory]
    [InlineData("""{"tokens": [{"identity": "", "roles": ["viewer"], "token": "0123456789abcdef"}]}""", "tokens[0]: the identity must be a non-empty string")]
    [InlineData("""{"tokens": [{"roles": ["viewer"], "token": "0123456789abcdef"}]}""", "tokens[0]: the identity must be a non-empty string")]
    [InlineData("""{"tokens": [{"identity": "cli:bob", "roles": ["viewer"], "token": "0123456789abcdef"}]}""", "tokens[0]: the identity 'cli:bob' contains ':'")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer"], "token": "0123456789abcdef"}, {"identity": "A", "roles": ["admin"], "token": "fedcba9876543210"}]}""", "tokens[1]: the identity 'A' is already used by tokens[0]")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer"], "token": "0123456789abcdef"}, {"identity": "b", "roles": ["admin"], "token": "0123456789abcdef"}]}""", "tokens[1] (b) has the same token as tokens[0] (a)")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": [], "token": "0123456789abcdef"}]}""", "tokens[0] (a): the roles are empty, so the token could call nothing. Add at least one of viewer, operator, approver, admin")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["oncall"], "token": "0123456789abcdef"}]}""", "tokens[0] (a): the roles (oncall) include no server role")]
    [InlineData("""{"tokens": [{"identity": "a", "token": "0123456789abcdef"}]}""", "tokens[0] (a) needs \"roles\"")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer", 3], "token": "0123456789abcdef"}]}""", "tokens[0] (a): roles[1] must be a non-empty string, not a number")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer"], "token": "short-token"}]}""", "tokens[0] (a): \"token\" must be a string of at least 16 characters (it has 11)")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer"], "sha256": "abc"}]}""", "tokens[0] (a): \"sha256\" must be 64 hex digits (the SHA-256 of the token, as 'mcp-playbooks token new' prints it), not 3 characters")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer"]}]}""", "tokens[0] (a) needs \"sha256\"")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer"], "token": "0123456789abcdef", "sha256": "x"}]}""", "tokens[0] (a) has both \"sha256\" and \"token\"")]
    [InlineData("""{"tokens": [{"identity": "a", "roles": ["viewer"], "sha265": "x"}]}""", "tokens[0] has an unknown field \"sha265\"")]
    [InlineData("""{"tokens": ["a"]}""", "tokens[0] must be an object")]
    [InlineData("""{"tokens": []}""", "has no tokens")]
    [InlineData("""[]""", "must be a JSON object with a \"tokens\" array")]
    public void Load_DoubtfulEntry_RefusedNamingTheFileEntryAndField(string json, string expected)
    {
        using var folder = new TempDirectory();
        var path = folder.Write("tokens.json", json);

        var error = Assert.Throws<AccessTokenFileException>(() => AccessTokenFile.Load(path));

        Assert.StartsWith($"the tokens file {path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadJson_RefusedWithLineAndColumn()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("tokens.json", "{\n  \"tokens\": [\n    { \"identity\": \"a\" \"roles\": [] }\n  ]\n}");

        var error = Assert.Throws<AccessTokenFileException>(() => AccessTokenFile.Load(path));

        Assert.StartsWith($"the tokens file {path} is not valid JSON at line 3, column ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_RefusedSayingHowToMakeOne()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "nope.json");

        var error = Assert.Throws<AccessTokenFileException>(() => AccessTokenFile.Load(path));

        Assert.Equal($"the tokens file {path} does not exist: fix the path, or create it with entries printed by 'mcp-playbooks token new --identity NAME --roles ROLES'.", error.Message);
    }
}
