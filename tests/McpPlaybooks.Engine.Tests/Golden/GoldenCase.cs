using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Tests.Golden;

/// <summary>An invalid playbook of the golden corpus, with the diagnostics its header expects.</summary>
internal sealed partial record GoldenCase(string Name, string Path, IReadOnlyList<string> Expected)
{
    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "Golden", "Invalid");

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Folder, "*.yaml").Select(p => System.IO.Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal);

    public static GoldenCase Load(string name)
    {
        var path = System.IO.Path.Combine(Folder, name + ".yaml");
        var expected = File.ReadLines(path)
            .Select(line => ExpectLine().Match(line))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return new GoldenCase(name, path, expected);
    }

    [GeneratedRegex(@"^# expect: (error|warning) (PB\d{4}) (\d+:\d+)$")]
    private static partial Regex ExpectLine();
}
