using McpPlaybooks.Engine.Actions;

namespace McpPlaybooks.Engine.Tests.Actions;

public sealed class OutputCutTests
{
    [Theory]
    [InlineData(90, 100)]
    [InlineData(5_177_344, 5_242_880)]
    [InlineData(1, 4_000_000_000_000)]
    public void Find_MarkerInText_GivesTheCutAndTheTotal(long cut, long total) =>
        Assert.Equal((cut, total), OutputCut.Find("head" + OutputCut.Marker(cut, total) + "tail"));

    [Theory]
    [InlineData("plain text")]
    [InlineData("…[90 bytes cut]…")]
    [InlineData("…[9,0 of 100 bytes cut; only the head and tail are kept]…")]
    public void Find_NoMarker_IsNull(string text) =>
        Assert.Null(OutputCut.Find(text));
}
