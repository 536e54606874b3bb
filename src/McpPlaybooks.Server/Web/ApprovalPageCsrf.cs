using System.Security.Cryptography;
using System.Text;

namespace McpPlaybooks.Server.Web;

/// <summary>
/// The approval page's CSRF token: an HMAC-SHA256, under a key drawn when the process starts, over the link's token hash.
/// A form posted to a link must carry the token of that link's page, which only a page this process served holds.
/// </summary>
internal sealed class ApprovalPageCsrf
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string TokenFor(string linkHash)
    {
        ArgumentNullException.ThrowIfNull(linkHash);
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("approve:" + linkHash)));
    }

    /// <summary>Whether <paramref name="given"/> is the token of this link's page (compared in constant time).</summary>
    public bool Verify(string linkHash, string? given)
    {
        if (string.IsNullOrEmpty(given))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(TokenFor(linkHash));
        var actual = Encoding.ASCII.GetBytes(given);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
