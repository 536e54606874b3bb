using System.Globalization;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The process behind an owner id (<c>host:pid:random</c>): the host name and the process id. A pid means something only on
/// its own host: check one (is it alive?) only when <see cref="IsThisHost"/>; a lease never depends on it.
/// </summary>
public sealed record OwnerIdentity(string Host, int Pid)
{
    /// <summary>A new owner id for this process: host name, pid and a random part (a restarted process is another owner).</summary>
    public static string NewOwnerId() =>
        $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Whether the process ran on this host (its pid can be looked up here).</summary>
    public bool IsThisHost => string.Equals(Host, Environment.MachineName, StringComparison.Ordinal);

    /// <summary>The identity in an owner id; null when it is not of the form <c>host:pid:random</c>. The host may hold colons.</summary>
    public static OwnerIdentity? Parse(string? ownerId)
    {
        if (ownerId is null)
        {
            return null;
        }

        var last = ownerId.LastIndexOf(':');
        var middle = last > 0 ? ownerId.LastIndexOf(':', last - 1) : -1;
        if (middle <= 0
            || !int.TryParse(ownerId.AsSpan(middle + 1, last - middle - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        return new OwnerIdentity(ownerId[..middle], pid);
    }

    /// <summary>Whether <paramref name="ownerId"/> names a process of this host (false for another host's, or an id of another form).</summary>
    public static bool IsOnThisHost(string? ownerId) => Parse(ownerId) is { IsThisHost: true };
}
