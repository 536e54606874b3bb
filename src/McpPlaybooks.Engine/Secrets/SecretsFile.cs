namespace McpPlaybooks.Engine.Secrets;

/// <summary>
/// Reads a secrets file: one <c>NAME=value</c> per line, <c>#</c> comments and blank lines ignored, the value
/// taken verbatim after the first <c>=</c> (no quotes, no escapes). Errors name the line, never the value.
/// </summary>
internal static class SecretsFile
{
    public static IEnumerable<KeyValuePair<string, string>> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretsFileException($"cannot read the secrets file '{path}': {e.Message}. Fix the path in the configuration, or remove it to use PLAYBOOK_SECRET_* variables only.", e);
        }

        var result = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? line[..equals].Trim() : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new SecretsFileException($"{path}:{i + 1}: expected NAME=value with NAME made of letters, digits and '_'.");
            }

            result.Add(KeyValuePair.Create(name, line[(equals + 1)..]));
        }

        return result;
    }
}
