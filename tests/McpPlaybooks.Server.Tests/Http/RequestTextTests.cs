using McpPlaybooks.Server.Hosting.Http;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Tests.Http;

public sealed class RequestTextTests
{
    [Fact]
    public void Bound_LongerThanTheLimit_HeadAndHowManyWereCut()
    {
        Assert.Equal("short", RequestText.Bound("short"));
        Assert.Equal(new string('a', RequestText.MaxChars), RequestText.Bound(new string('a', RequestText.MaxChars)));
        Assert.Equal(new string('a', RequestText.MaxChars) + "…[1 characters cut]", RequestText.Bound(new string('a', RequestText.MaxChars + 1)));
        Assert.Equal("", RequestText.Bound(null));
    }

    [Theory]
    [InlineData("/approve/X9_4QsvlF7cW2pLk", "/approve/X9_4…[redacted]")]
    [InlineData("/Approve/X9_4QsvlF7cW2pLk", "/Approve/X9_4…[redacted]")]
    [InlineData("//approve/X9_4QsvlF7cW2pLk", "//approve/X9_4…[redacted]")]
    [InlineData("/approve/X9_4QsvlF7cW2pLk/more", "/approve/X9_4…[redacted]")]
    [InlineData("/approve/ab", "/approve/ab…[redacted]")]
    [InlineData("/approve%2FX9_4QsvlF7cW2pLk", "/approve/%2FX…[redacted]")]
    [InlineData("/approve", "/approve")]
    [InlineData("/ui/executions/ex-1", "/ui/executions/ex-1")]
    [InlineData("/x\n2026-01-01 WRN forged", "/x%0A2026-01-01%20WRN%20forged")]
    public void Path_ApprovalLinkOrControlCharacters_NeitherReachesTheLog(string path, string logged)
    {
        Assert.Equal(logged, RequestText.Path(new PathString(path)));
    }

    [Theory]
    [InlineData("http://evil.example:8080/approve/X9_4QsvlF7cW2pLk?access=secret", "http://evil.example:8080")]
    [InlineData("/approve/X9_4QsvlF7cW2pLk", "/approve/X9_4QsvlF7cW2pLk")]
    [InlineData("", "")]
    public void OriginOf_AUrlHeader_OnlyItsSchemeHostAndPort(string referer, string logged)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Referer = referer;

        Assert.Equal(logged, RequestText.OriginOf(context, "Referer"));
    }
}
