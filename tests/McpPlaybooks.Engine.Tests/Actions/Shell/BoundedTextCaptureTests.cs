using System.Text;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

public sealed class BoundedTextCaptureTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("abc\n", "abc")]
    [InlineData("abc\r\n", "abc")]
    [InlineData("abc\n\n", "abc\n")]
    [InlineData("0123456789", "0123456789")]
    public void ToText_WithinTheBound_IsEverythingLessOneFinalNewline(string input, string expected)
    {
        var capture = new BoundedTextCapture(10);
        capture.Append(Encoding.UTF8.GetBytes(input));

        Assert.Equal(expected, capture.ToText(SecretMasker.None));
        Assert.Equal(0, capture.CutBytes);
    }

    [Fact]
    public void ToText_ManySmallAppendsOverTheBound_KeepsHeadAndTail()
    {
        var capture = new BoundedTextCapture(10);
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => (char)('a' + (i % 26))));
        foreach (var chunk in text.Chunk(3))
        {
            capture.Append(Encoding.ASCII.GetBytes(chunk));
        }

        Assert.Equal("abcde\n…[90 of 100 bytes cut; only the head and tail are kept]…\nrstuv", capture.ToText(SecretMasker.None));
        Assert.Equal(100, capture.TotalBytes);
        Assert.Equal(90, capture.CutBytes);
    }

    [Fact]
    public void ToText_CutInsideMultiByteCharacters_DropsTheBrokenHalves()
    {
        var capture = new BoundedTextCapture(8);
        capture.Append(Encoding.UTF8.GetBytes("aé€€€€€€xé"));

        Assert.Equal("aé\n…[18 of 24 bytes cut; only the head and tail are kept]…\nxé", capture.ToText(SecretMasker.None));
    }

    [Fact]
    public void ToText_InvalidUtf8_IsReplaced()
    {
        var capture = new BoundedTextCapture(100);
        capture.Append([(byte)'a', 0xFF, (byte)'b']);

        Assert.Equal("a\uFFFDb", capture.ToText(SecretMasker.None));
    }

    [Fact]
    public void ToText_SecretStraddlesBothCuts_DropsItsPartsWithTheCut()
    {
        var capture = new BoundedTextCapture(10);
        capture.Append(Encoding.ASCII.GetBytes("abcSECRET" + new string('-', 50) + "SECRETxyz"));

        Assert.Equal("abc\n…[62 of 68 bytes cut; only the head and tail are kept]…\nxyz", capture.ToText(new SecretMasker(["SECRET"])));
        Assert.Equal("abcSE\n…[58 of 68 bytes cut; only the head and tail are kept]…\nETxyz", capture.ToText(SecretMasker.None));
    }
}
