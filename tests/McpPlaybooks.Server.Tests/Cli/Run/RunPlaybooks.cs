namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>Playbooks for the tests of <c>run</c>.</summary>
internal static class RunPlaybooks
{
    /// <summary>One input of each declared type, and a step that uses none of them.</summary>
    public const string TypedInputs = """
        id: typed-inputs
        name: Typed inputs
        version: 1.0.0
        description: Takes one input of each type.
        timeout: 1m
        inputs:
          text: { type: string, description: any text }
          count: { type: integer, minimum: 1 }
          ratio: { type: number, default: 0.5 }
          force: { type: boolean, default: false }
          hosts: { type: array, default: [] }
          labels: { type: object, default: {} }
        steps:
          - id: note
            action: log
            with: { message: "{{ inputs.text }} {{ inputs.count }} {{ inputs.ratio }} {{ inputs.force }} {{ inputs.hosts }} {{ inputs.labels }}" }
        """;

    /// <summary>Sets a greeting, logs it and echoes the name with a real process.</summary>
    public const string SetLogShell = """
        id: greet-and-echo
        name: Greet and echo
        version: 1.0.0
        description: Sets a greeting, logs it and echoes the name.
        timeout: 1m
        inputs:
          name: { type: string, description: who to greet }
        steps:
          - id: compose
            action: set
            with: { greeting: "hello {{ inputs.name }}" }
          - id: say
            needs: [compose]
            action: log
            with: { message: "{{ steps.compose.output.greeting }}" }
          - id: echo
            needs: [say]
            action: shell
            timeout: 30s
            with: { command: [/bin/echo, "{{ inputs.name }}"] }
        """;

    /// <summary>A shell step whose program exits 1.</summary>
    public const string FailingShell = """
        id: always-fails
        name: Always fails
        version: 1.0.0
        description: Runs a program that fails.
        timeout: 1m
        steps:
          - id: fail
            action: shell
            timeout: 30s
            with: { command: [/bin/false] }
        """;

    /// <summary>A log step, then a log step behind an approval gate.</summary>
    public const string Gated = """
        id: gated
        name: Gated
        version: 1.0.0
        description: Waits for approval before it logs.
        timeout: 1m
        steps:
          - id: first
            action: log
            with: { message: before the gate }
          - id: second
            needs: [first]
            approval: { message: "Go on?", approvers: [oncall] }
            action: log
            with: { message: after the gate }
        """;

    /// <summary>A shell step that would create the file named by its input.</summary>
    public const string Touch = """
        id: touch-a-file
        name: Touch a file
        version: 1.0.0
        description: Creates a file.
        timeout: 1m
        inputs:
          path: { type: string, description: the file to create }
        steps:
          - id: announce
            action: log
            with: { message: "creating {{ inputs.path }}" }
          - id: touch
            needs: [announce]
            action: shell
            timeout: 30s
            with: { command: [/usr/bin/touch, "{{ inputs.path }}"] }
        """;

    /// <summary>The playbook <paramref name="id"/> at <paramref name="version"/>, with one log step.</summary>
    public static string Versioned(string id, string version) => $$"""
        id: {{id}}
        name: Versioned
        version: {{version}}
        description: One of several versions.
        steps:
          - id: say
            action: log
            with: { message: "{{version}}" }
        """;
}
