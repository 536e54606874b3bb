namespace McpPlaybooks.Server.Tests.Cli.Control;

/// <summary>Playbooks for the tests of <c>approve</c>, <c>control</c>, <c>resume</c> and refused runs.</summary>
internal static class ControlPlaybooks
{
    /// <summary>A log step, then a shell step behind a gate only <c>oncall</c> may decide, that creates the file its input names.</summary>
    public const string GatedTouch = """
        id: gated-touch
        name: Gated touch
        version: 1.0.0
        description: Creates a file once approved.
        timeout: 1m
        inputs:
          path: { type: string, description: the file to create }
        steps:
          - id: first
            action: log
            with: { message: before the gate }
          - id: touch
            needs: [first]
            approval: { message: "Create it?", approvers: [oncall] }
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/usr/bin/touch, "{{ inputs.path }}"] }
        """;

    /// <summary>A playbook that refuses a real run without a successful dry run of it in the last hour.</summary>
    public const string DryRunFirst = """
        id: careful
        name: Careful
        version: 1.0.0
        description: Needs a dry run first.
        safety: { dry_run_first: true }
        steps:
          - id: say
            action: log
            with: { message: hello }
        """;
}
