using McpPlaybooks.Server.Approvals;

namespace McpPlaybooks.Server.Tests.Approvals;

/// <summary><c>Approvals:PageBaseUrl</c>: an absolute http(s) address, made to end with '/', or a problem naming the variable.</summary>
public sealed class ApprovalSettingsReaderTests
{
    [Theory]
    [InlineData("https://ops.example.com/playbooks", "https://ops.example.com/playbooks/")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/")]
    public void Read_PageBaseUrl_AbsoluteAddressEndingWithSlash(string given, string expected)
    {
        var problems = new List<string>();

        var settings = ApprovalSettingsReader.Read(name => name == ApprovalSettingsReader.PageBaseUrl ? given : null, problems);

        Assert.Empty(problems);
        Assert.Equal(expected, settings.PageBaseUrl!.AbsoluteUri);
    }

    [Theory]
    [InlineData("ops.example.com")]
    [InlineData("ftp://ops.example.com/")]
    [InlineData("https://ops.example.com/?a=b")]
    public void Read_PageBaseUrl_NotAnHttpAddress_IsAProblem(string given)
    {
        var problems = new List<string>();

        var settings = ApprovalSettingsReader.Read(name => name == ApprovalSettingsReader.PageBaseUrl ? given : null, problems);

        Assert.Null(settings.PageBaseUrl);
        Assert.StartsWith("MCPPLAYBOOKS_APPROVAL_PAGE_BASE_URL: ", Assert.Single(problems), StringComparison.Ordinal);
    }
}
