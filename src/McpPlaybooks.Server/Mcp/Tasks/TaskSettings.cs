namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>How long tasks are kept and how often clients are told to poll them.</summary>
internal static class TaskSettings
{
    /// <summary>The time to live of a task whose request named none.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(1);

    /// <summary>The longest time to live granted: a longer request is cut to this (the answer says the ttl granted).</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(30);

    /// <summary>The shortest time to live granted (a smaller request is raised to it, so a task outlives its creation).</summary>
    public static readonly TimeSpan MinTtl = TimeSpan.FromSeconds(10);

    /// <summary>The poll interval suggested to clients.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The time to live granted for <paramref name="requested"/> milliseconds (null: none requested).</summary>
    public static TimeSpan Grant(long? requested) => requested is { } ms
        ? TimeSpan.FromMilliseconds(Math.Clamp(ms, (long)MinTtl.TotalMilliseconds, (long)MaxTtl.TotalMilliseconds))
        : DefaultTtl;
}
