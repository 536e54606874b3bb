using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Secrets;

/// <summary>
/// Replaces every secret value with <c>***</c> wherever it appears, including inside longer text, and also
/// its JSON-escaped, URL-encoded and base64 forms and, for a secret of several lines, each line, so a secret never leaves the engine. An execution's masker
/// also masks what its expressions derived from a secret (<see cref="DerivedSecrets"/>), and every string or
/// number value that carries a <see cref="Taint"/>.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>What a secret becomes.</summary>
    public const string Mask = "***";

    private readonly string[] _forms;
    private readonly DerivedSecrets? _derived;
    private readonly Lock _lock = new();
    private volatile FormSet _current;

    public SecretMasker(IEnumerable<string> secrets)
        : this(FormsOf(secrets), derived: null)
    {
    }

    private SecretMasker(string[] forms, DerivedSecrets? derived)
    {
        _forms = forms;
        _derived = derived;
        _current = new FormSet(0, forms);
    }

    public static SecretMasker None { get; } = new([]);

    /// <summary>The texts the execution's expressions derived from its secrets (null for the engine's own masker).</summary>
    internal DerivedSecrets? Derived => _derived;

    /// <summary>A masker for one execution: these secrets, <paramref name="more"/> (its secret inputs), and whatever its expressions derive from them.</summary>
    internal SecretMasker ForExecution(IEnumerable<string> more, DerivedSecrets derived) =>
        new(Merge(_forms, FormsOf(more)), derived);

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Replace(text, CurrentForms());
    }

    /// <summary>Masks every string in a value (keys included); a tainted string loses its secret-derived texts, a tainted number becomes <c>***</c>.</summary>
    public Value Apply(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var forms = CurrentForms();
        return forms.Length == 0 && !value.IsTainted ? value : Apply(value, forms);
    }

    /// <summary>
    /// The value with every string that holds a secret (or a text derived from one) tainted by what it holds, so
    /// that what expressions derive from it later is masked too: a program's output that echoes a token, say.
    /// </summary>
    internal Value TaintKnown(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var forms = CurrentForms();
        return forms.Length == 0 || _derived is null ? value : TaintKnown(value, forms, _derived);
    }

    private static Value TaintKnown(Value value, string[] forms, DerivedSecrets derived) => value.Kind switch
    {
        ValueKind.String when Array.FindAll(forms, f => value.AsString().Contains(f, StringComparison.Ordinal)) is { Length: > 0 } found =>
            value.WithTaint(Taint.Union(value.Taint, Taint.Of(derived, found))),
        ValueKind.List => Value.From(value.AsList().Select(v => TaintKnown(v, forms, derived))),
        ValueKind.Object => Value.From(value.AsObject().Select(p => KeyValuePair.Create(p.Key, TaintKnown(p.Value, forms, derived)))),
        _ => value,
    };

    private static Value Apply(Value value, string[] forms) => value.Kind switch
    {
        ValueKind.String => Value.From(Replace(Replace(value.AsString(), forms), value.Taint is { } taint ? FormsOf(taint.Fragments) : [])),
        ValueKind.Number when value.Taint is not null => Value.From(Mask),
        ValueKind.List => Value.From(value.AsList().Select(v => Apply(v, forms))),
        ValueKind.Object => Value.From(value.AsObject().Select(p => KeyValuePair.Create(Replace(p.Key, forms), Apply(p.Value, forms)))),
        _ => value,
    };

    private static string Replace(string text, string[] forms)
    {
        if (forms.Length == 0 || text.Length == 0)
        {
            return text;
        }

        var current = text;
        foreach (var form in forms)
        {
            if (current.Contains(form, StringComparison.Ordinal))
            {
                current = current.Replace(form, Mask, StringComparison.Ordinal);
            }
        }

        return current;
    }

    /// <summary>The forms of the secrets and of every text derived so far, longest first.</summary>
    private string[] CurrentForms()
    {
        var current = _current;
        if (_derived is null || _derived.Count == current.Derived)
        {
            return current.Forms;
        }

        lock (_lock)
        {
            if (_derived.Count != _current.Derived)
            {
                var derived = _derived.ToArray();
                _current = new FormSet(derived.Length, Merge(_forms, FormsOf(derived)));
            }

            return _current.Forms;
        }
    }

    /// <summary>
    /// The first <paramref name="maxChars"/> characters of the text (all of it when shorter) without an end that could be
    /// the start of a secret the cut split (<see cref="OpenEnd"/>): masking happens later, and a part of a secret would not be masked.
    /// </summary>
    public string Head(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var head = text[..Math.Max(0, maxChars)];
        return head[..^OpenEnd(head)];
    }

    /// <summary>How many characters at the end of a text cut there could begin a secret: the longest end that is a proper prefix of a masked form; 0 when none.</summary>
    public int OpenEnd(ReadOnlySpan<char> text)
    {
        var open = 0;
        foreach (var form in CurrentForms())
        {
            for (var k = Math.Min(form.Length - 1, text.Length); k > open; k--)
            {
                if (text[^k..].SequenceEqual(form.AsSpan(0, k)))
                {
                    open = k;
                    break;
                }
            }
        }

        return open;
    }

    /// <summary>How many characters at the start of a text cut there could end a secret: the longest start that is a proper suffix of a masked form; 0 when none.</summary>
    public int OpenStart(ReadOnlySpan<char> text)
    {
        var open = 0;
        foreach (var form in CurrentForms())
        {
            for (var k = Math.Min(form.Length - 1, text.Length); k > open; k--)
            {
                if (text[..k].SequenceEqual(form.AsSpan(form.Length - k)))
                {
                    open = k;
                    break;
                }
            }
        }

        return open;
    }

    private static string[] Merge(string[] first, string[] second) =>
        second.Length == 0 ? first : [.. first.Concat(second).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    private static string[] FormsOf(IEnumerable<string> secrets) =>
        [.. secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => LineForms(s).Prepend(s))
            .SelectMany(Forms)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];

    /// <summary>
    /// The shortest line of a multi-line secret that is masked on its own: long enough that the short lines of a secret
    /// file that are not secret (a kubeconfig's <c>apiVersion: v1</c>, <c>kind: Config</c>) are not masked, nor taint
    /// every output that holds them.
    /// </summary>
    internal const int MinLineLength = 16;

    /// <summary>
    /// For a secret of several lines (a private key, a certificate, a kubeconfig): the secret with the other line ending, and
    /// each of its lines of at least <see cref="MinLineLength"/> characters but PEM armour, so that a program that prints it line by line
    /// or with CRLF, or a message that joins its lines, leaves no line of it readable.
    /// </summary>
    private static IEnumerable<string> LineForms(string secret)
    {
        if (!secret.Contains('\n', StringComparison.Ordinal) && !secret.Contains('\r', StringComparison.Ordinal))
        {
            yield break;
        }

        var lf = secret.ReplaceLineEndings("\n");
        yield return lf;
        yield return lf.Replace("\n", "\r\n", StringComparison.Ordinal);
        foreach (var line in lf.Split('\n', StringSplitOptions.TrimEntries))
        {
            // A PEM armour line (-----BEGIN RSA PRIVATE KEY-----) says what the secret is, not what it holds.
            if (line.Length >= MinLineLength && !line.StartsWith("-----", StringComparison.Ordinal))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        foreach (var json in (string[])[JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value, JsonEncodedText.Encode(secret).Value])
        {
            yield return json;
            yield return LowerHex(json, 'u', 4); // \u00e4, as Python's json and many others write it
        }

        // As an HTML page echoes it (an error page quoting a token it refused): '<' as &lt;, '\'' as &#39;, 'ä' as &#xE4;.
        yield return System.Net.WebUtility.HtmlEncode(secret);
        yield return System.Text.Encodings.Web.HtmlEncoder.Default.Encode(secret);

        var escaped = Uri.EscapeDataString(secret);
        yield return escaped;
        yield return LowerHex(escaped, '%', 2);
        yield return System.Net.WebUtility.UrlEncode(secret); // a form's encoding: a space is '+'
        if (secret.Length >= 6)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            yield return Convert.ToBase64String(bytes).TrimEnd('=');

            // The secret inside a longer text that is base64-encoded as a whole ("user:" + password, as HTTP Basic does):
            // at each of the three alignments, the characters that encode only the secret's bytes.
            for (var offset = 0; offset < 3; offset++)
            {
                var aligned = Convert.ToBase64String([.. new byte[offset], .. bytes]);
                var first = offset == 0 ? 0 : 4;
                var end = (offset + bytes.Length) / 3 * 4;
                if (end - first >= 8)
                {
                    yield return aligned[first..end];
                }
            }
        }
    }

    /// <summary>The text with the hex digits after each <paramref name="marker"/> (<c>\u</c>, <c>%</c>) in lower case.</summary>
    private static string LowerHex(string text, char marker, int digits)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == marker && (marker != 'u' || (i > 0 && chars[i - 1] == '\\')))
            {
                for (var j = i + 1; j <= i + digits && j < chars.Length; j++)
                {
                    chars[j] = char.ToLowerInvariant(chars[j]);
                }
            }
        }

        return new string(chars);
    }

    /// <summary>The forms to mask, and how many derived texts they include.</summary>
    private sealed record FormSet(int Derived, string[] Forms);
}
