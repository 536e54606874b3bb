namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// When <see cref="IdleMemoryTrim"/> gives memory back: after a burst (at least <see cref="Burst"/> bytes allocated since
/// the last trim) followed by a quiet period (less than <see cref="Quiet"/> allocated during the last one). A server that
/// stays busy is never trimmed (the collector runs anyway), nor one that stays idle (nothing to give back).
/// </summary>
internal static class IdleTrimRule
{
    /// <summary>How often the allocation count is read.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>Allocated since the last trim for another one to be worth a full, compacting collection.</summary>
    public const long Burst = 64L * 1024 * 1024;

    /// <summary>Allocated during the last period by a server that counts as quiet.</summary>
    public const long Quiet = 2L * 1024 * 1024;

    public static bool ShouldTrim(long allocatedSinceTrim, long allocatedLastPeriod) =>
        allocatedSinceTrim >= Burst && allocatedLastPeriod < Quiet;
}
