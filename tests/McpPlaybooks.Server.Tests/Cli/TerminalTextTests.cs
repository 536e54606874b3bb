using McpPlaybooks.Server.Cli;

namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>What the command line prints from history shows control characters rather than letting them act on the terminal.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain text, tabs\tand\nlines", "plain text, tabs\tand\nlines")]
    [InlineData("windows line\r\nend", "windows line\r\nend")]
    [InlineData("\u001b[2K\u001b[1Aapprovers: anyone", @"\x1b[2K\x1b[1Aapprovers: anyone")]
    [InlineData("overwrite\rfake", @"overwrite\rfake")]
    [InlineData("ends with\r", @"ends with\r")]
    [InlineData("bell\u0007 del\u007f c1\u009b31m", @"bell\x07 del\x7f c1\x9b31m")]
    [InlineData("abc\u202edcba\u2066x\u2069", @"abc\u202edcba\u2066x\u2069")]
    [InlineData("pässwörd ✓", "pässwörd ✓")]
    public void Safe_ControlCharacters_AreShownAsTheirEscapes(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Safe(text));

    [Fact]
    public void TerminalSafeWriter_EveryWrite_IsMadeSafe()
    {
        using var inner = new StringWriter();
        using var writer = new TerminalSafeWriter(inner);

        writer.Write('\u001b');
        writer.Write("[31m".ToCharArray(), 0, 4);
        writer.WriteLine("red\r");
        writer.Write($"{1}\u0007");

        Assert.Equal(@"\x1b[31mred\r" + Environment.NewLine + @"1\x07", inner.ToString());
    }
}
