namespace McpPlaybooks.Engine.Text;

/// <summary>
/// A caller's text (a name, an id, a URI, a value) as a message repeats it: whole when short, else its first
/// <see cref="MaxChars"/> characters and "…", so that a long argument never comes back whole.
/// </summary>
public static class Echo
{
    /// <summary>The most characters of a caller's text that a message or a result repeats.</summary>
    public const int MaxChars = 100;

    public static string Of(string? text)
    {
        if (text is null)
        {
            return "";
        }

        return text.Length <= MaxChars ? text : text[..MaxChars] + "…";
    }
}
