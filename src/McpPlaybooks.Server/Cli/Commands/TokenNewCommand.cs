using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>token new --identity NAME --roles a,b [--json]</c>: prints a fresh random token (32 bytes, base64url) once, and the
/// tokens-file entry holding only its SHA-256, so that the file never stores a usable token.
/// </summary>
internal sealed class TokenNewCommand : Command
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CliContext _context;

    private readonly Option<string> _identity = new("--identity")
    {
        Description = "Who the token stands for: recorded as the starter, requester and approver of what it does.",
        HelpName = "NAME",
        Required = true,
    };

    private readonly Option<string> _roles = new("--roles")
    {
        Description = $"Comma-separated roles: at least one of {string.Join(", ", ServerRoles.All)}, plus any a gate's approvers name (such as oncall).",
        HelpName = "ROLES",
        Required = true,
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print {\"token\": ..., \"entry\": {...}} on stdout instead of text.",
    };

    public TokenNewCommand(CliContext context)
        : base("new", "Print a new random token (shown only this once) and the tokens-file entry with its SHA-256 to paste into the file.")
    {
        _context = context;
        Add(_identity);
        Add(_roles);
        Add(_json);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var identity = parseResult.GetRequiredValue(_identity).Trim();
        var roles = parseResult.GetRequiredValue(_roles).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if ((AccessTokenFile.IdentityProblem(identity) ?? AccessTokenFile.RolesProblem(roles)) is { } problem)
        {
            _context.Error.WriteLine($"error: {problem}");
            return ExitCodes.Usage;
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var entry = Entry(identity, roles, AccessTokens.Digest(token));
        if (parseResult.GetValue(_json))
        {
            _context.Out.WriteLine($"{{\"token\": {Quote(token)}, \"entry\": {entry}}}");
            return ExitCodes.Success;
        }

        _context.Out.WriteLine($"Token for {identity} (shown only this once: hand it over privately; the server keeps only its SHA-256):");
        _context.Out.WriteLine($"  {token}");
        _context.Out.WriteLine();
        _context.Out.WriteLine("Add this entry to the \"tokens\" array of the tokens file:");
        _context.Out.WriteLine($"  {entry}");
        return ExitCodes.Success;
    }

    /// <summary>One line of JSON: <c>{"identity": ..., "roles": [...], "sha256": ...}</c>.</summary>
    private static string Entry(string identity, IReadOnlyList<string> roles, string sha256) =>
        $"{{\"identity\": {Quote(identity)}, \"roles\": [{string.Join(", ", roles.Select(Quote))}], \"sha256\": \"{sha256}\"}}";

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString(Readable);
}
