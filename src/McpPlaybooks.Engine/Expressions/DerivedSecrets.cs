namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// The texts one execution's expressions derived from its secrets, such as <c>upper(secrets.TOKEN)</c>: the
/// execution's masker masks each of them wherever it appears, as it masks the secrets themselves. Thread-safe.
/// </summary>
internal sealed class DerivedSecrets
{
    /// <summary>
    /// A shorter derived text (a short number out of a secret's JSON, say) is masked where the value itself
    /// goes, but not searched for inside other text, where it would hide ordinary words.
    /// </summary>
    public const int MinLength = 4;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];
    private volatile int _count;

    /// <summary>How many texts were added; it only grows, so a masker knows when to rebuild.</summary>
    public int Count => _count;

    public void Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < MinLength)
        {
            return;
        }

        lock (_lock)
        {
            if (_known.Add(text))
            {
                _texts.Add(text);
                _count = _texts.Count;
            }
        }
    }

    public string[] ToArray()
    {
        lock (_lock)
        {
            return [.. _texts];
        }
    }
}
