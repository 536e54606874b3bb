using System.Security.Cryptography;
using System.Text;

namespace McpPlaybooks.Engine.Execution;

/// <summary>The SHA-256 of a playbook's text, lower-case hex: the identity of a pinned version.</summary>
internal static class PlaybookHash
{
    public static string Of(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
