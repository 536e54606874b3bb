namespace McpPlaybooks.Server.Tests.Cli;

internal static class TextLines
{
    /// <summary>The lines of a command's output, without the empty one after the final newline.</summary>
    public static IReadOnlyList<string> Of(string text) =>
        text.ReplaceLineEndings("\n").TrimEnd('\n') is { Length: > 0 } trimmed ? trimmed.Split('\n') : [];
}
