using System.Security.Cryptography;
using System.Text;

namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>One-time link tokens: 256 random bits from the operating system's CSPRNG, base64url (43 characters); stored only as a SHA-256.</summary>
public static class LinkTokens
{
    /// <summary>The length of a token's text.</summary>
    public const int Length = 43;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The lowercase hex SHA-256 of the token's UTF-8 text: what the history keeps.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Whether a text has a token's shape (43 base64url characters); anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
