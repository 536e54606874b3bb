using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// Groups error messages that differ only by their particulars. <see cref="Normalize"/> replaces, in this order: URLs
/// (<c>&lt;url&gt;</c>), quoted values (<c>&lt;value&gt;</c>), timestamps and dates (<c>&lt;time&gt;</c>), UUIDs and ULIDs
/// (<c>&lt;id&gt;</c>), IP addresses with or without a port and <c>host:port</c> (<c>&lt;address&gt;</c>), file paths
/// (<c>&lt;path&gt;</c>), hex values (<c>0x..</c>, or 8+ hex digits with a digit: <c>&lt;hex&gt;</c>) and numbers not glued
/// to a letter (<c>&lt;n&gt;</c>: <c>web-3</c> and <c>12 times</c> lose their number, <c>sha256</c> and <c>v2</c> keep
/// theirs), except a process's exit code (<c>exited with code 127</c>, <c>exit code 2</c>, <c>exit status 1</c>) and a
/// 3-digit HTTP status after <c>returned</c>, <c>answered</c>, <c>status</c> or <c>HTTP</c> (<c>answered 404 Not Found</c>),
/// which tell different errors apart; then collapses white space. The fingerprint is the first 12 hex digits of the pattern's SHA-256.
/// </summary>
public static partial class ErrorFingerprint
{
    /// <summary>The longest pattern kept; a longer message is cut (after normalizing) and ends with an ellipsis.</summary>
    public const int MaxPatternLength = 300;

    /// <summary>The message with its particulars replaced by placeholders.</summary>
    public static string Normalize(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Url().Replace(message, "<url>");
        text = Quoted().Replace(text, "<value>");
        text = Timestamp().Replace(text, "<time>");
        text = Date().Replace(text, "<time>");
        text = ClockTime().Replace(text, "<time>");
        text = Uuid().Replace(text, "<id>");
        text = Ulid().Replace(text, "<id>");
        text = IPv4().Replace(text, "<address>");
        text = IPv6().Replace(text, "<address>");
        text = HostPort().Replace(text, "<address>");
        text = UnixPath().Replace(text, "<path>");
        text = WindowsPath().Replace(text, "<path>");
        text = Hex().Replace(text, "<hex>");
        text = LongHex().Replace(text, m => m.Value.Any(char.IsAsciiDigit) ? "<hex>" : m.Value);
        text = Number().Replace(text, m => m.Groups["code"].Success ? m.Value : "<n>");
        text = Space().Replace(text, " ").Trim();
        return text.Length <= MaxPatternLength ? text : string.Concat(text.AsSpan(0, MaxPatternLength - 1), "…");
    }

    /// <summary>The fingerprint of a message: 12 lower-case hex digits, stable across versions and processes.</summary>
    public static string Of(string message) => OfPattern(Normalize(message));

    /// <summary>The fingerprint of a pattern already normalized.</summary>
    public static string OfPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(pattern));
        return Convert.ToHexStringLower(hash)[..12];
    }

    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://[^\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<!\w)(?:""[^""\r\n]{0,500}""|'[^'\r\n]{0,500}'|`[^`\r\n]{0,500}`)(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b\d{4}/\d{2}/\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"(?<![\w:.])\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b[0-7][0-9A-HJKMNP-TV-Z]{25}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Ulid();

    [GeneratedRegex(@"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();

    [GeneratedRegex(@"(?<![\w:])\[?(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:|(?:[0-9a-f]{1,4}:){1,7}(?::[0-9a-f]{1,4}){1,7}|::(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})\]?(?::\d{1,5})?(?![\w:])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IPv6();

    [GeneratedRegex(@"\b(?:localhost|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+):\d{1,5}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostPort();

    [GeneratedRegex(@"(?<![\w.<>/])(?:~|\.{1,2})?(?:/[\w.@%+=,~-]+)+/?", RegexOptions.CultureInvariant)]
    private static partial Regex UnixPath();

    [GeneratedRegex(@"\b[a-z]:\\[^\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WindowsPath();

    [GeneratedRegex(@"\b0x[0-9a-f]+\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hex();

    [GeneratedRegex(@"(?<![\w<])[0-9a-f]{8,}(?![\w>])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LongHex();

    [GeneratedRegex(@"(?<code>(?<=\b(?:exited with code|exit code|exit status)\s+)\d{1,3}(?![\w.,])|(?<=\b(?:returned|answered|status|HTTP)\s+)[1-5]\d{2}(?![\w.,]))|(?<![A-Za-z0-9_<])\d+(?:[.,]\d+)*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Space();
}
