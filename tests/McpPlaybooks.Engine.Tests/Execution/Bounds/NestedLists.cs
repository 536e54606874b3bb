namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>Variables v0 to vN, each a list holding the one before it: vI nests I + 1 levels deep.</summary>
internal static class NestedLists
{
    public static string Playbook(int last, string steps) => $$$"""
        id: nested
        name: Nested
        version: 1.0.0
        variables:
          v0: ["x"]
        {{{string.Join("\n", Enumerable.Range(1, last).Select(Wrapped))}}}
        steps:
        {{{steps}}}
        """;

    private static string Wrapped(int i) => $$$"""  v{{{i}}}: ["{{ vars.v{{{i - 1}}} }}"]""";
}
