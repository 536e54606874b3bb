namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// How much the server's log files may hold: a file that reaches <see cref="FileBytes"/> is closed and the next line starts
/// a new one (<c>server-YYYYMMDD_001.log</c>, …), and only the newest <see cref="Files"/> files are kept, so a flood of
/// lines never stops the log (the lines for people go on being written) and never fills the disk.
/// </summary>
/// <param name="FileBytes">The most bytes of one file.</param>
/// <param name="Files">The most files kept, today's included; the oldest is deleted when a new one starts.</param>
internal sealed record LogFileLimits(long FileBytes, int Files)
{
    /// <summary>64 MiB a file, 14 files: a quiet server keeps two weeks of days; at most 896 MiB on disk.</summary>
    public static LogFileLimits Default { get; } = new(64L * 1024 * 1024, 14);
}
