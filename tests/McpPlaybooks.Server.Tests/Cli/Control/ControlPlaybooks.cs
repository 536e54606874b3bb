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

    /// <summary>
    /// One idempotent shell step that, the first time, writes a line into the FIFO <c>started</c> of its input's folder
    /// (the test's signal) and holds for 30 s; the next time (a file <c>again</c> remembers) it ends at once. Killed while
    /// it holds, it is re-run by whoever takes the execution over.
    /// </summary>
    public const string HoldOnce = """
        id: hold-once
        name: Hold once
        version: 1.0.0
        description: Holds the first time only.
        timeout: 2m
        inputs:
          dir: { type: string, description: where the first time is remembered }
        steps:
          - id: hold
            action: shell
            idempotent: true
            timeout: 60s
            rollback: []
            with: { command: [/bin/sh, -c, "if [ -e \"$0/again\" ]; then exit 0; fi; touch \"$0/again\"; echo started > \"$0/started\"; exec sleep 30", "{{ inputs.dir }}"] }
        """;

    /// <summary>A gate before the first step (safety.require_approval) and one before its second step.</summary>
    public const string StartGated = """
        id: start-gated
        name: Start gated
        version: 1.0.0
        description: Asks before starting, and again before its second step.
        timeout: 1m
        safety: { require_approval: true }
        steps:
          - id: first
            action: log
            with: { message: one }
          - id: second
            needs: [first]
            approval: { message: "Go on?", approvers: [oncall] }
            action: log
            with: { message: two }
        """;
}
