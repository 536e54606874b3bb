using McpPlaybooks.Engine.Memory;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>What the memory keeps as an incident type: an identifier, trimmed and lower-case, or nothing.</summary>
public sealed class IncidentTypeNameTests
{
    [Theory]
    [InlineData("availability", "availability")]
    [InlineData("  Disk-Full ", "disk-full")]
    [InlineData("k8s.io/pod:crash_loop", "k8s.io/pod:crash_loop")]
    [InlineData("", null)]
    [InlineData("-leading", null)]
    [InlineData("two words", null)]
    [InlineData("tick`", null)]
    [InlineData("line\n", "line")]
    [InlineData("a\nb", null)]
    public void Normalize_Text_IsAnIdentifierOrNothing(string text, string? expected) =>
        Assert.Equal(expected, IncidentTypeName.Normalize(text));

    [Fact]
    public void Normalize_LongerThan64_IsNothing()
    {
        Assert.Equal(new string('a', 64), IncidentTypeName.Normalize(new string('a', 64)));
        Assert.Null(IncidentTypeName.Normalize(new string('a', 65)));
    }
}
