namespace McpPlaybooks.Engine.Definitions;

/// <summary>Reads and writes the lower-case snake names that playbooks use for enums.</summary>
public static class EnumNames
{
    public static string ToName<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrEmpty(text)
            && text.All(char.IsAsciiLetterLower)
            && Enum.TryParse(text, ignoreCase: true, out value);
    }
}
