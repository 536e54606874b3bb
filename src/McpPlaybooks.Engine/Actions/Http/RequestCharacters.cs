using System.Globalization;
using System.Text;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>
/// Refuses a CR, LF or NUL in what goes onto an HTTP request's first line or headers (a method, a URL, a header's name or
/// value) before anything is sent: such a character, templated from an input or an upstream output, would smuggle another
/// header or a whole second request; and what HTTP cannot carry in a header. The refusal is a Validation failure that names
/// the place but never shows the value.
/// </summary>
internal static class RequestCharacters
{
    private const string Why = "which could smuggle another header or request onto the wire; nothing was sent";

    private const string Next = "Check the input or the upstream output it is templated from";

    /// <summary>
    /// Refuses a header whose name or value holds CR, LF or NUL; a name that is not an HTTP token; a value with another
    /// control character or a character outside ASCII, which the client would refuse only when sending (then counted as a
    /// network failure: retried, and held against the host's circuit breaker).
    /// </summary>
    public static void CheckHeader(string action, string name, string value)
    {
        if (HasBreak(name))
        {
            throw ArgumentValues.Invalid($"{action}: the header name '{Escaped(name)}' holds a CR, LF or NUL character, {Why}. Fix the name in the playbook.");
        }

        if (name.Length == 0 || !name.All(IsTokenCharacter))
        {
            throw ArgumentValues.Invalid($"{action}: '{Escaped(name)}' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only); nothing was sent. Fix the name in the playbook.");
        }

        if (HasBreak(value))
        {
            throw ArgumentValues.Invalid($"{action}: the value of the header '{name}' holds a CR, LF or NUL character, {Why}. {Next}.");
        }

        if (value.Any(c => c > '~' || (c < ' ' && c != '\t')))
        {
            throw ArgumentValues.Invalid($"{action}: the value of the header '{name}' holds a control character or a character outside ASCII, which "
                + $"HTTP does not carry in a header; nothing was sent. {Next}, or encode the value (base64(...)).");
        }
    }

    /// <summary>Refuses an argument that goes onto the request line (a URL or a method) when it holds any control character.</summary>
    public static void CheckLine(string action, string label, string text)
    {
        if (text.Any(char.IsControl))
        {
            throw ArgumentValues.Invalid($"{action}: '{label}' holds a CR, LF, NUL or other control character, {Why}. {Next}.");
        }
    }

    /// <summary>A character of an HTTP token (RFC 9110 tchar), which a header name is made of.</summary>
    private static bool IsTokenCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static bool HasBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0;

    /// <summary>The text with its control characters written as <c>\r</c>, <c>\n</c>, <c>\0</c> or <c>\uXXXX</c>.</summary>
    private static string Escaped(string text)
    {
        var shown = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => shown.Append("\\r"),
                '\n' => shown.Append("\\n"),
                '\0' => shown.Append("\\0"),
                _ when char.IsControl(c) => shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => shown.Append(c),
            };
        }

        return shown.ToString();
    }
}
