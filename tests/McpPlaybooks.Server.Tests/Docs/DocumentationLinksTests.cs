using System.Text.RegularExpressions;

namespace McpPlaybooks.Server.Tests.Docs;

/// <summary>The README and docs/ stand alone: no reference outside the repository, and every relative link resolves.</summary>
public sealed partial class DocumentationLinksTests
{
    public static TheoryData<string> Pages => [.. RepositoryFiles.DocumentationPages()];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_PointsNowhereOutsideTheRepository(string page)
    {
        var text = RepositoryFiles.Read(page);

        Assert.DoesNotContain("../shared", text, StringComparison.Ordinal);
        Assert.DoesNotContain("design §", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(IssueReference(), text);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_RelativeLinksResolveToFiles(string page)
    {
        var folder = Path.GetDirectoryName(RepositoryFiles.PathOf(page))!;
        foreach (Match link in MarkdownLink().Matches(RepositoryFiles.Read(page)))
        {
            var target = link.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{page} links to {target}, which does not exist");
            Assert.StartsWith(RepositoryFiles.Root, path, StringComparison.Ordinal);
        }
    }

    /// <summary>A front page of about 150 lines: the reference lives in docs/.</summary>
    [Fact]
    public void Readme_IsAFrontPage()
    {
        var lines = RepositoryFiles.Read("README.md").Split('\n').Length;

        Assert.InRange(lines, 1, 155);
    }

    /// <summary>"(#5)", "with #7", "issue 14": the repository's readers have no issue tracker of ours.</summary>
    [GeneratedRegex(@"(\(#\d+\)|\s#\d+\b|\bissue \d+)")]
    private static partial Regex IssueReference();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
