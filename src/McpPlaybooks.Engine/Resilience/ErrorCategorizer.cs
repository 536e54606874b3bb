using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// Decides the <see cref="ErrorCategory"/> of a failure (design §3, "Error categories"). In order:
/// the action's explicit category; the playbook's own <c>errors:</c> patterns; the HTTP status; the
/// exit code; the exception types in the chain; the built-in message patterns
/// (<see cref="BuiltInErrorPatterns"/>); otherwise unknown. Never throws.
/// </summary>
public static class ErrorCategorizer
{
    /// <summary>A playbook pattern compiled once; null when it is not a valid regex (it never matches).</summary>
    private static readonly ConcurrentDictionary<string, Regex?> PlaybookPatterns = new(StringComparer.Ordinal);

    /// <summary>
    /// The category of <paramref name="error"/>. A playbook's patterns are case-insensitive
    /// (<c>(?-i)</c> turns that off) and tried in order over every message in the exception chain and
    /// the failed attempt's stderr; a pattern that is not a valid regex or takes over 100 ms never matches.
    /// </summary>
    public static ErrorCategory Categorize(Exception error, IReadOnlyList<ErrorPatternDefinition> patterns)
    {
        if (error is null)
        {
            return ErrorCategory.Unknown;
        }

        var failure = ExceptionChain.FindActionFailure(error);
        if (failure?.Category is { } explicitCategory)
        {
            return explicitCategory;
        }

        var texts = ExceptionChain.Texts(error);
        foreach (var pattern in patterns ?? [])
        {
            if (pattern is not null && AnyMatch(Compile(pattern.Match), texts))
            {
                return pattern.Category;
            }
        }

        var status = failure?.HttpStatus ?? HttpStatusOf(error);
        if (status is { } code && FromHttpStatus(code) is { } byStatus)
        {
            return byStatus;
        }

        if (failure?.ExitCode is { } exitCode && FromExitCode(exitCode) is { } byExitCode)
        {
            return byExitCode;
        }

        foreach (var link in ExceptionChain.Walk(error))
        {
            if (FromType(link) is { } byType)
            {
                return byType;
            }
        }

        foreach (var (regex, category) in BuiltInErrorPatterns.Rows)
        {
            if (AnyMatch(regex, texts))
            {
                return category;
            }
        }

        return ErrorCategory.Unknown;
    }

    /// <summary>400/422 validation, 401 authentication, 403 authorization, 404/410 permanent, 408 timeout, 409/429/5xx temporary, other 4xx permanent.</summary>
    internal static ErrorCategory? FromHttpStatus(int status) => status switch
    {
        400 or 422 => ErrorCategory.Validation,
        401 => ErrorCategory.Authentication,
        403 => ErrorCategory.Authorization,
        404 or 410 => ErrorCategory.Permanent,
        408 => ErrorCategory.Timeout,
        409 or 429 => ErrorCategory.Temporary,
        >= 500 and <= 599 => ErrorCategory.Temporary,
        >= 400 and <= 499 => ErrorCategory.Permanent,
        _ => null,
    };

    /// <summary>Shell conventions (126, 127, 124 from timeout(1), 128+signal) and sysexits.h; other codes say nothing.</summary>
    internal static ErrorCategory? FromExitCode(int exitCode) => exitCode switch
    {
        126 or 127 => ErrorCategory.Configuration, // not executable, not found
        124 => ErrorCategory.Timeout, // timeout(1)
        137 => ErrorCategory.Resource, // SIGKILL, usually the OOM killer
        143 => ErrorCategory.Temporary, // SIGTERM
        64 or 65 => ErrorCategory.Validation, // EX_USAGE, EX_DATAERR
        69 => ErrorCategory.Dependency, // EX_UNAVAILABLE
        75 => ErrorCategory.Temporary, // EX_TEMPFAIL
        77 => ErrorCategory.Authorization, // EX_NOPERM
        78 => ErrorCategory.Configuration, // EX_CONFIG
        _ => null,
    };

    private static ErrorCategory? FromType(Exception error) => error switch
    {
        SocketException => ErrorCategory.Network, // before Win32Exception, which it derives from
        HttpRequestException => ErrorCategory.Network,
        AuthenticationException => ErrorCategory.Network, // a TLS handshake that failed
        TimeoutException or TimeoutRejectedException => ErrorCategory.Timeout,
        BrokenCircuitException => ErrorCategory.Dependency,
        Win32Exception => ErrorCategory.Configuration, // a process that could not start
        UnauthorizedAccessException => ErrorCategory.Authorization,
        FileNotFoundException or DirectoryNotFoundException => ErrorCategory.Configuration,
        IOException io when IsDiskFull(io) => ErrorCategory.Resource,
        OutOfMemoryException => ErrorCategory.Resource,
        ExpressionEvaluationException or JsonException => ErrorCategory.Validation,
        _ => null, // an OperationCanceledException is a timeout only through its inner TimeoutException
    };

    /// <summary>ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL, or on Unix ENOSPC and EDQUOT (the raw errno is the HResult).</summary>
    private static bool IsDiskFull(IOException error) =>
        error.HResult is unchecked((int)0x80070070) or unchecked((int)0x80070027) or 28 or 122
        || error.Message.Contains("no space left", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("disk full", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("not enough space", StringComparison.OrdinalIgnoreCase);

    private static int? HttpStatusOf(Exception error) =>
        ExceptionChain.Walk(error).OfType<HttpRequestException>().Select(e => (int?)e.StatusCode).FirstOrDefault(s => s is not null);

    private static Regex? Compile(string pattern) =>
        PlaybookPatterns.GetOrAdd(pattern ?? string.Empty, static text =>
        {
            try
            {
                return BuiltInErrorPatterns.Compile(text);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                return null; // The validator reports it (PB0021, PB0025).
            }
        });

    private static bool AnyMatch(Regex? regex, List<string> texts)
    {
        if (regex is null)
        {
            return false;
        }

        foreach (var text in texts)
        {
            try
            {
                if (regex.IsMatch(text))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too slow for this text does not match it.
            }
        }

        return false;
    }
}
