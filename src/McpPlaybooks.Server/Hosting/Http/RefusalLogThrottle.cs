using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Keeps the refusals anyone who reaches the port can provoke (a foreign Host or Origin, no token, a stale form) from
/// filling the log: for each reason, at most <see cref="PerMinute"/> lines in a minute. The rest are counted, and the
/// first line of that reason let through afterwards is preceded by one saying how many were left out and since when.
/// Reasons are the callers' own constants, never request values, so what is kept stays small.
/// </summary>
internal sealed partial class RefusalLogThrottle(TimeProvider time)
{
    /// <summary>The most lines of one reason written in a minute.</summary>
    public const int PerMinute = 10;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a refusal line of <paramref name="reason"/> may be written now. When lines of that reason were left out
    /// before, says so first on <paramref name="logger"/>.
    /// </summary>
    public bool Admit(ILogger logger, string reason)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!logger.IsEnabled(LogLevel.Warning))
        {
            return false;
        }

        var window = _windows.GetOrAdd(reason, static _ => new Window());
        var (admitted, leftOut, since) = window.Next(time.GetUtcNow());
        if (leftOut > 0)
        {
            LogLeftOut(logger, leftOut, reason, since.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), PerMinute);
        }

        return admitted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} more refusals ({Reason}) were not logged since {Since}: at most {PerMinute} such lines are written a minute")]
    private static partial void LogLeftOut(ILogger logger, int count, string reason, string since, int perMinute);

    /// <summary>One reason's minute: when it began, the lines written in it, and the lines left out since the first one was.</summary>
    private sealed class Window
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _start;
        private int _written;
        private int _leftOut;
        private DateTimeOffset _firstLeftOut;

        public (bool Admitted, int LeftOut, DateTimeOffset Since) Next(DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_written == 0 || now - _start >= Minute)
                {
                    var report = (true, _leftOut, _firstLeftOut);
                    (_start, _written, _leftOut) = (now, 1, 0);
                    return report;
                }

                if (_written < PerMinute)
                {
                    _written++;
                    return (true, 0, default);
                }

                if (_leftOut++ == 0)
                {
                    _firstLeftOut = now;
                }

                return (false, 0, default);
            }
        }
    }
}
