using System.Security.Cryptography;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>Task ids: <c>task-</c> and 32 random hex digits (128 bits), so that one cannot be guessed from another.</summary>
internal static class TaskIds
{
    private const string Prefix = "task-";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the shape of an id this server gives (it may still be unknown).</summary>
    public static bool IsWellFormed(string id) =>
        id.Length == Prefix.Length + 32 && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") is false;
}
