using System.Security.Cryptography;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// The key this process signs with what it hands a client to bring back as proof that it was asked: a round trip's
/// <c>requestState</c> (<see cref="GateRoundTrip"/>) and a task's input request keys (<c>Tasks/TaskInputKeys</c>). Drawn
/// at start and never stored, so a client cannot write a proof itself and have a chat decision recorded without anyone
/// having been asked; another process (or this one after a restart) does not recognise it.
/// </summary>
internal static class ProcessSeal
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The HMAC-SHA256 of <paramref name="data"/> under this process's key.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(Key, data);

    /// <summary>Whether <paramref name="signature"/> is this process's signature of <paramref name="data"/>.</summary>
    public static bool Signed(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        CryptographicOperations.FixedTimeEquals(Sign(data), signature);
}
