using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Tests.Docs;

/// <summary>
/// Every whole playbook shown in README.md and docs/ (a YAML block with an <c>id</c> and <c>steps</c>) validates with no
/// error, and none takes the id and version of a bundled playbook (saved, the two would clash): a reader copies them as they are.
/// </summary>
public sealed partial class DocumentationPlaybooksTests
{
    public static TheoryData<string, int> Playbooks()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in RepositoryFiles.DocumentationPages())
        {
            foreach (var (line, _) in Blocks(page))
            {
                data.Add(page, line);
            }
        }

        return data;
    }

    [Fact]
    public void Pages_ShowWholePlaybooks()
    {
        Assert.Contains(Playbooks(), row => (string)row[0] == "README.md");
    }

    [Theory]
    [MemberData(nameof(Playbooks))]
    public void Playbook_Validates_AndIsNoBundledPlaybook(string page, int line)
    {
        var yaml = Blocks(page).Single(b => b.Line == line).Yaml;

        var report = new PlaybookValidator().ValidateText(yaml, $"{page}:{line}");

        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics.Where(d => d.IsError).Select(d => d.Format($"{page}:{line}"))));
        var bundled = Path.Combine(RepositoryFiles.PathOf("playbooks"), report.Playbook!.Id + ".yaml");
        if (File.Exists(bundled))
        {
            var shipped = new PlaybookValidator().ValidateText(File.ReadAllText(bundled), bundled).Playbook!;
            Assert.True(shipped.Version != report.Playbook.Version,
                $"{page}:{line} shows {shipped.Id} {shipped.Version}, a bundled playbook's id and version: give the example an id or version of its own");
        }
    }

    /// <summary>The page's YAML blocks that are whole playbooks, with the line each starts on.</summary>
    private static IEnumerable<(int Line, string Yaml)> Blocks(string page)
    {
        var text = RepositoryFiles.Read(page).ReplaceLineEndings("\n");
        foreach (Match block in YamlBlock().Matches(text))
        {
            var yaml = block.Groups[1].Value;
            if (WholePlaybook().IsMatch(yaml))
            {
                yield return (text[..block.Index].Count(c => c == '\n') + 1, yaml);
            }
        }
    }

    [GeneratedRegex(@"^```ya?ml\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^id:.*^steps:", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex WholePlaybook();
}
