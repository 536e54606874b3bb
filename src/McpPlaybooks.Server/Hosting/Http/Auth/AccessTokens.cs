using System.Security.Cryptography;
using System.Text;

namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// The bearer tokens the HTTP transport accepts, each mapped to an <see cref="HttpCaller"/>. Only SHA-256 digests are
/// kept in memory; a presented token is hashed and compared with every digest in constant time. Tokens are never logged.
/// </summary>
internal sealed class AccessTokens
{
    private readonly IReadOnlyList<(byte[] Digest, HttpCaller Caller)> _entries;

    public AccessTokens(IEnumerable<(byte[] Sha256, HttpCaller Caller)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
    }

    /// <summary>No tokens: HTTP requests are not authenticated (allowed on loopback only, unless the risk is accepted).</summary>
    public static AccessTokens None { get; } = new([]);

    /// <summary>Whether any token is configured: then every HTTP request needs one, and tools check roles.</summary>
    public bool Enabled => _entries.Count > 0;

    public int Count => _entries.Count;

    /// <summary>The caller of a presented token, or null when it matches none. Takes the same time whichever entry matches.</summary>
    public HttpCaller? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        HttpCaller? found = null;
        foreach (var (expected, caller) in _entries)
        {
            // Every entry is compared, so the time does not say which one (or whether one) matched.
            if (CryptographicOperations.FixedTimeEquals(digest, expected))
            {
                found = caller;
            }
        }

        return found;
    }

    /// <summary>The SHA-256 of a token, as lowercase hex: what a tokens file may store instead of the token itself.</summary>
    public static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
