using System.Text;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>Reads and writes the lower-case snake names that playbooks and results use for enums (<c>waiting_approval</c>).</summary>
public static class EnumNames
{
    public static string ToName<T>(T value)
        where T : struct, Enum => NameCache<T>.Names.GetOrAdd(value, static v => Compute(v));

    private static string Compute<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrEmpty(text)
            && text.All(c => char.IsAsciiLetterLower(c) || c == '_')
            && text[0] != '_' && text[^1] != '_' && !text.Contains("__", StringComparison.Ordinal)
            && Enum.TryParse(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out value)
            && ToName(value) == text;
    }

    private static class NameCache<T>
        where T : struct, Enum
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<T, string> Names = new();
    }
}
