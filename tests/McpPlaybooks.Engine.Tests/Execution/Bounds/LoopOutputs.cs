namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>A loop of three iterations, each giving an output of 409,602 characters as JSON: together past 1,048,576.</summary>
internal static class LoopOutputs
{
    public static string Playbook(string after) => $$$"""
        id: loop-outputs
        name: Loop outputs
        version: 1.0.0
        variables:
          v0: "{{{new string('x', 100)}}}"
        {{{string.Join("\n", Enumerable.Range(1, 12).Select(Doubled))}}}
        steps:
          - id: each
            action: set
            foreach: "{{ fromJson('[1, 2, 3]') }}"
            with: { x: "{{ vars.v12 }}" }
        {{{after}}}
        """;

    private static string Doubled(int i) => $$$"""  v{{{i}}}: '{{ vars.v{{{i - 1}}} }}{{ vars.v{{{i - 1}}} }}'""";
}
