using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Secrets;

/// <summary>
/// Replaces every secret value with <c>***</c> wherever it appears, including inside longer text, and also
/// its JSON-escaped, URL-encoded and base64 forms, so a secret never leaves the engine.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>What a secret becomes.</summary>
    public const string Mask = "***";

    private readonly string[] _forms;

    public SecretMasker(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _forms = secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(Forms)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public static SecretMasker None { get; } = new([]);

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_forms.Length == 0 || text.Length == 0)
        {
            return text;
        }

        var current = text;
        foreach (var form in _forms)
        {
            if (current.Contains(form, StringComparison.Ordinal))
            {
                current = current.Replace(form, Mask, StringComparison.Ordinal);
            }
        }

        return current;
    }

    /// <summary>Masks every string in a value (keys included).</summary>
    public Value Apply(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_forms.Length == 0)
        {
            return value;
        }

        return value.Kind switch
        {
            ValueKind.String => Value.From(Apply(value.AsString())),
            ValueKind.List => Value.From(value.AsList().Select(Apply)),
            ValueKind.Object => Value.From(value.AsObject().Select(p => KeyValuePair.Create(Apply(p.Key), Apply(p.Value)))),
            _ => value,
        };
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
        foreach (var form in _forms)
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
        foreach (var form in _forms)
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

    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        var json = JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        yield return json;
        yield return JsonEncodedText.Encode(secret).Value;
        yield return Uri.EscapeDataString(secret);
        if (secret.Length >= 6)
        {
            yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)).TrimEnd('=');
        }
    }
}
