namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>
/// The parent of the child-execution tests: step <c>call</c> runs the child (giving it <c>inputs.dir</c>), then step
/// <c>after</c> leaves a mark in that folder.
/// </summary>
internal static class ParentPlaybook
{
    /// <summary>The parent of <paramref name="childId"/>, whose own id is <c>parent-of-CHILD</c>.</summary>
    public static string Of(string childId) => $$$"""
        id: parent-of-{{{childId}}}
        name: Parent of {{{childId}}}
        version: 1.0.0
        description: Runs the child, then leaves a mark.
        timeout: 2m
        inputs:
          dir: { type: string, description: where the files are }
        steps:
          - id: call
            action: playbook
            with: { id: {{{childId}}}, inputs: { dir: "{{ inputs.dir }}" } }
          - id: after
            needs: [call]
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0/after\"", "{{ inputs.dir }}"] }
        """;
}
