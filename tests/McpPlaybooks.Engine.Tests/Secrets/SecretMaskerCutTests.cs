using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Tests.Secrets;

public sealed class SecretMaskerCutTests
{
    private static readonly SecretMasker Masker = new(["hunter22"]);

    [Theory]
    [InlineData("log: hunter22 and more", 8, "log: ")]
    [InlineData("log: hunter22 and more", 10, "log: ")]
    [InlineData("log: hunter22 and more", 13, "log: hunter22")]
    [InlineData("short", 10, "short")]
    [InlineData("xxhuhuhunter22", 8, "xxhuhu")]
    public void Head_CutInsideASecret_EndsBeforeIt(string text, int maxChars, string expected) =>
        Assert.Equal(expected, Masker.Head(text, maxChars));

    [Theory]
    [InlineData("abc hunt", 4)]
    [InlineData("abc h", 1)]
    [InlineData("abc hunter22", 0)]
    [InlineData("abc x", 0)]
    [InlineData("hunter2", 7)]
    public void OpenEnd_EndThatCouldBeginASecret_IsCounted(string text, int expected) =>
        Assert.Equal(expected, Masker.OpenEnd(text));

    [Theory]
    [InlineData("er22 rest", 4)]
    [InlineData("2 rest", 1)]
    [InlineData("hunter22 rest", 0)]
    [InlineData("rest", 0)]
    public void OpenStart_StartThatCouldEndASecret_IsCounted(string text, int expected) =>
        Assert.Equal(expected, Masker.OpenStart(text));

    [Fact]
    public void OpenEnd_EncodedForms_AreCountedToo()
    {
        var masker = new SecretMasker(["a b/c"]);

        Assert.Equal(4, masker.OpenEnd("url=a%20"));
    }

    [Fact]
    public void Head_NoSecrets_CutsAtTheBound() =>
        Assert.Equal("log: hun", SecretMasker.None.Head("log: hunter22", 8));
}
