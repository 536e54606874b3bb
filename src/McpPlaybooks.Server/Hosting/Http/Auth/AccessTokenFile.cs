using System.Globalization;
using System.Text.Json;

namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// Reads a tokens file: <c>{"tokens":[{"identity":"alice","roles":["operator","approver"],"sha256":"&lt;hex&gt;"}]}</c>,
/// each entry with either the <c>sha256</c> of its token (what <c>mcp-playbooks token new</c> prints) or the
/// <c>token</c> itself (at least <see cref="MinimumTokenLength"/> characters). Anything doubtful is refused with an
/// <see cref="AccessTokenFileException"/> naming the file, the entry and the field.
/// </summary>
internal static class AccessTokenFile
{
    /// <summary>The shortest plain token accepted: shorter ones can be guessed.</summary>
    public const int MinimumTokenLength = 16;

    private static readonly string[] Fields = ["identity", "roles", "sha256", "token"];

    public static AccessTokens Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var document = Parse(path, Read(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("tokens", out var tokens)
            || tokens.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, "must be a JSON object with a \"tokens\" array: {\"tokens\": [{\"identity\": \"alice\", \"roles\": [\"operator\"], \"sha256\": \"...\"}]}. Print an entry with 'mcp-playbooks token new --identity NAME --roles ROLES'.");
        }

        if (tokens.GetArrayLength() == 0)
        {
            throw Fail(path, "has no tokens: add at least one entry (print one with 'mcp-playbooks token new --identity NAME --roles ROLES'), or do not pass a tokens file.");
        }

        var entries = new List<(byte[] Sha256, HttpCaller Caller)>();
        var identities = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in tokens.EnumerateArray())
        {
            var read = Entry(path, index, entry);
            if (identities.TryGetValue(read.Caller.Identity, out var first))
            {
                throw Fail(path, $"tokens[{index}]: the identity '{read.Caller.Identity}' is already used by tokens[{first}]: an identity is one person or one bot; give each entry its own, or merge their roles into one entry.");
            }

            if (entries.FindIndex(e => e.Sha256.AsSpan().SequenceEqual(read.Sha256)) is var same and >= 0)
            {
                throw Fail(path, $"tokens[{index}] ({read.Caller.Identity}) has the same token as tokens[{same}] ({entries[same].Caller.Identity}): a token must name one identity; make a new one for either with 'mcp-playbooks token new'.");
            }

            identities[read.Caller.Identity] = index;
            entries.Add(read);
            index++;
        }

        return new AccessTokens(entries);
    }

    private static (byte[] Sha256, HttpCaller Caller) Entry(string path, int index, JsonElement entry)
    {
        var at = $"tokens[{index}]";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"{at} must be an object with \"identity\", \"roles\" and \"sha256\" (or \"token\"), not {Kind(entry)}.");
        }

        foreach (var property in entry.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Fail(path, $"{at} has an unknown field \"{property.Name}\": the fields are {string.Join(", ", Fields)}.");
            }
        }

        var identity = Identity(path, at, entry);
        at = $"{at} ({identity})";
        var roles = Roles(path, at, entry);
        return (Digest(path, at, entry), new HttpCaller(identity, roles));
    }

    private static string Identity(string path, string at, JsonElement entry)
    {
        var identity = entry.TryGetProperty("identity", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        return IdentityProblem(identity) is { } problem ? throw Fail(path, $"{at}: {problem}") : identity;
    }

    /// <summary>Null when <paramref name="identity"/> can name a token's holder; else what is wrong, in a sentence.</summary>
    public static string? IdentityProblem(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (string.IsNullOrWhiteSpace(identity))
        {
            return "the identity must be a non-empty string naming the person or bot (recorded as starter and approver), such as \"alice\" or \"ci-bot\".";
        }

        if (identity.Trim() != identity || identity.Any(char.IsControl))
        {
            return $"the identity \"{identity}\" has spaces around it or control characters; write it plainly, such as \"alice\".";
        }

        return identity.Contains(':', StringComparison.Ordinal)
            ? $"the identity '{identity}' contains ':', which the server keeps for identities of its own (cli:, mcp:, elicitation:); choose a name without it."
            : null;
    }

    private static List<string> Roles(string path, string at, JsonElement entry)
    {
        if (!entry.TryGetProperty("roles", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, $"{at} needs \"roles\": an array such as [\"viewer\"]. Server roles: {string.Join(", ", ServerRoles.All)}; other names (such as \"oncall\") count for the approvers of gates.");
        }

        var roles = new List<string>();
        var position = 0;
        foreach (var role in value.EnumerateArray())
        {
            var name = role.ValueKind == JsonValueKind.String ? role.GetString()!.Trim() : "";
            if (name.Length == 0)
            {
                throw Fail(path, $"{at}: roles[{position}] must be a non-empty string, not {Kind(role)}.");
            }

            if (!roles.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                roles.Add(name);
            }

            position++;
        }

        return RolesProblem(roles) is { } problem ? throw Fail(path, $"{at}: {problem}") : roles;
    }

    /// <summary>Null when <paramref name="roles"/> hold a server role; else what is wrong, in a sentence.</summary>
    public static string? RolesProblem(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Any(ServerRoles.IsServerRole))
        {
            return null;
        }

        var what = roles.Count == 0 ? "are empty" : $"({string.Join(", ", roles)}) include no server role";
        return $"the roles {what}, so the token could call nothing. Add at least one of {string.Join(", ", ServerRoles.All)} "
            + "(viewer reads; operator runs and saves; approver decides gates; admin does all).";
    }

    private static byte[] Digest(string path, string at, JsonElement entry)
    {
        var hasDigest = entry.TryGetProperty("sha256", out var digest);
        var hasToken = entry.TryGetProperty("token", out var token);
        if (hasDigest == hasToken)
        {
            throw Fail(path, hasDigest
                ? $"{at} has both \"sha256\" and \"token\": keep only \"sha256\" (the token itself need not be stored)."
                : $"{at} needs \"sha256\", the SHA-256 of its token as hex (print a token and its entry with 'mcp-playbooks token new'), or \"token\", the token itself.");
        }

        if (hasDigest)
        {
            var hex = digest.ValueKind == JsonValueKind.String ? digest.GetString()! : "";
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                throw Fail(path, $"{at}: \"sha256\" must be 64 hex digits (the SHA-256 of the token, as 'mcp-playbooks token new' prints it), not {Describe(digest, hex)}.");
            }

            return Convert.FromHexString(hex);
        }

        var text = token.ValueKind == JsonValueKind.String ? token.GetString()! : "";
        if (text.Length < MinimumTokenLength)
        {
            throw Fail(path, $"{at}: \"token\" must be a string of at least {MinimumTokenLength} characters (it has {text.Length.ToString(CultureInfo.InvariantCulture)}): short tokens can be guessed. Make one with 'mcp-playbooks token new', and store its \"sha256\" instead.");
        }

        return Convert.FromHexString(AccessTokens.Digest(text));
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AccessTokenFileException($"the tokens file {path} does not exist: fix the path, or create it with entries printed by 'mcp-playbooks token new --identity NAME --roles ROLES'.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AccessTokenFileException($"the tokens file {path} cannot be read: {e.Message} Check its permissions (the server's user must read it).", e);
        }
    }

    private static JsonDocument Parse(string path, string text)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new AccessTokenFileException($"the tokens file {path} is not valid JSON at line {line}, column {column}: {e.Message} Fix the JSON.", e);
        }
    }

    private static string Describe(JsonElement value, string text) =>
        value.ValueKind == JsonValueKind.String ? $"{text.Length.ToString(CultureInfo.InvariantCulture)} characters" : Kind(value);

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static AccessTokenFileException Fail(string path, string problem) => new($"the tokens file {path}: {problem}");
}
