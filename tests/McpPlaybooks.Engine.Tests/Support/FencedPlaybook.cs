namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// The fencing tests' playbook (engine and end to end): step <c>work</c> writes <c>running</c> in
/// <paramref name="folder"/>, waits for a <c>go</c> file there, then appends to <c>marker</c>; step <c>next</c> appends too.
/// </summary>
internal static class FencedPlaybook
{
    public static string Yaml(string folder) => $$"""
        id: fenced
        name: Fenced
        version: 1.0.0
        steps:
          - id: work
            action: shell
            timeout: 5m
            with:
              command: [/bin/sh, -c, 'echo running > "$0/running"; while [ ! -f "$0/go" ]; do sleep 0.05; done; echo work >> "$0/marker"', "{{folder}}"]
          - id: next
            needs: [work]
            action: shell
            with:
              command: [/bin/sh, -c, 'echo next >> "$0/marker"', "{{folder}}"]
        """;
}
