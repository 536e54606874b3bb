using System.Buffers.Text;
using System.Text;
using McpPlaybooks.Server.Mcp.Waiting;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// The keys of a task's input requests (2026-07-28 tasks extension): <c>approve:&lt;execution&gt;/&lt;step&gt;#&lt;seal&gt;</c>,
/// the gate asked about and <see cref="ProcessSeal"/>'s signature of it and of the task. <c>tasks/update</c> carries no
/// <c>requestState</c>, so the key is the proof that this server asked this task's holder about that gate, as the round
/// trip's signed state is: without a token only a key this process issued counts (after a restart, or through another
/// server on the same database, the client reads the task again with tasks/get there); a token's holder may decide as
/// themselves anyway, so for them a key another server process issued is taken as it reads.
/// </summary>
internal static class TaskInputKeys
{
    private const string Prefix = "approve:";

    /// <summary>The key of the input request about <paramref name="gate"/> (<c>execution/step</c>) of task <paramref name="taskId"/>.</summary>
    public static string For(string taskId, string gate) => $"{Prefix}{gate}#{Base64Url.EncodeToString(ProcessSeal.Sign(Signed(taskId, gate)))}";

    /// <summary>
    /// The gate (<c>execution/step</c>) <paramref name="key"/> asks about for task <paramref name="taskId"/>; null when it
    /// is not a key of that task this server issued (<paramref name="issuedHere"/>: only this process's seal counts).
    /// </summary>
    public static string? Gate(string key, string taskId, bool issuedHere)
    {
        ArgumentNullException.ThrowIfNull(key);
        var mark = key.LastIndexOf('#');
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || mark <= Prefix.Length || !key.AsSpan(Prefix.Length, mark - Prefix.Length).Contains('/'))
        {
            return null;
        }

        var gate = key[Prefix.Length..mark];
        var seal = key[(mark + 1)..];
        if (!issuedHere)
        {
            return seal.Length > 0 ? gate : null;
        }

        try
        {
            return ProcessSeal.Signed(Signed(taskId, gate), Base64Url.DecodeFromChars(seal)) ? gate : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Signed(string taskId, string gate) => Encoding.UTF8.GetBytes($"tasks/update\n{taskId}\n{gate}");
}
