namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>The playbooks the execution tool tests run: logs, real processes (/bin/echo, /bin/sh), gates.</summary>
internal static class TestPlaybooks
{
    /// <summary>Three log steps in a row at levels debug, warning, error.</summary>
    public const string ThreeLogs = """
        id: three-logs
        name: Three logs
        version: 1.0.0
        steps:
          - id: a
            action: log
            with: { message: "debug line", level: debug }
          - id: b
            needs: [a]
            action: log
            with: { message: "warning line", level: warning }
          - id: c
            needs: [b]
            action: log
            with: { message: "error line", level: error }
        """;

    /// <summary>A step and a finally call whose when is false in a dry run (input enabled, false by default): their plans have no arguments.</summary>
    public const string LeftOutByWhen = """
        id: left-out
        name: Steps a when leaves out
        version: 1.0.0
        inputs:
          enabled: { type: boolean, default: false }
        steps:
          - id: first
            action: log
            with: { message: "runs" }
          - id: never
            when: "inputs.enabled"
            action: log
            with: { message: "never" }
        finally:
          - name: Tidy
            when: "inputs.enabled"
            action: log
            with: { message: "never" }
        """;

    /// <summary>/bin/echo, then a log line.</summary>
    public const string Echo = """
        id: echo
        name: Echo
        version: 1.0.0
        inputs:
          text: { type: string, default: hello }
        steps:
          - id: say
            action: shell
            with: { command: [/bin/echo, "{{ inputs.text }}"] }
            rollback: []
          - id: after
            needs: [say]
            action: log
            with: { message: done }
        """;

    /// <summary>A gate anyone may decide, after a first step.</summary>
    public const string Gated = """
        id: gated
        name: Gated
        version: 1.0.0
        steps:
          - id: before
            action: log
            with: { message: before }
          - id: risky
            needs: [before]
            approval: { message: "Restart the service?", timeout: 15m }
            action: log
            with: { message: restarted }
        """;

    /// <summary>Two gates in a row, anyone may decide them.</summary>
    public const string TwoGates = """
        id: two-gates
        name: Two gates
        version: 1.0.0
        steps:
          - id: first
            approval: { message: "First?" }
            action: log
            with: { message: one }
          - id: second
            needs: [first]
            approval: { message: "Second?" }
            action: log
            with: { message: two }
        """;

    /// <summary>A gate only oncall may decide.</summary>
    public const string OncallGate = """
        id: oncall-gate
        name: Oncall gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Drop the cache?", approvers: [oncall], timeout: 15m }
            action: log
            with: { message: dropped }
        """;

    /// <summary>A real process that runs until the file <c>inputs.flag</c> exists, then a log step.</summary>
    public const string Hold = """
        id: hold
        name: Hold
        version: 1.0.0
        inputs:
          flag: { type: string }
        steps:
          - id: hold
            action: shell
            with: { command: [/bin/sh, -c, 'until [ -e "$0" ]; do sleep 0.02; done', "{{ inputs.flag }}"] }
            timeout: 30s
            rollback: []
          - id: after
            needs: [hold]
            action: log
            with: { message: after }
        """;

    /// <summary>A real process that fails until the file <c>inputs.flag</c> exists.</summary>
    public const string Flaky = """
        id: flaky
        name: Flaky
        version: 1.0.0
        inputs:
          flag: { type: string }
        steps:
          - id: check
            action: shell
            with: { command: [/bin/sh, -c, 'test -e "$0"', "{{ inputs.flag }}"] }
            rollback: []
          - id: after
            needs: [check]
            action: log
            with: { message: checked }
        """;

    /// <summary>A parent whose one step runs <see cref="Gated"/> as a child execution.</summary>
    public const string ParentOfGated = """
        id: parent
        name: Parent
        version: 1.0.0
        steps:
          - id: call
            action: playbook
            with: { id: gated }
        """;

    /// <summary>Seven log lines, one a step, at several levels.</summary>
    public const string Seven = """
        id: seven
        name: Seven lines
        version: 1.0.0
        steps:
          - { id: l1, action: log, with: { message: "line 1" } }
          - { id: l2, needs: [l1], action: log, with: { message: "line 2", level: warning } }
          - { id: l3, needs: [l2], action: log, with: { message: "line 3" } }
          - { id: l4, needs: [l3], action: log, with: { message: "line 4", level: debug } }
          - { id: l5, needs: [l4], action: log, with: { message: "line 5", level: error } }
          - { id: l6, needs: [l5], action: log, with: { message: "line 6" } }
          - { id: l7, needs: [l6], action: log, with: { message: "line 7" } }
        """;

    public static McpTestServerOptions Options(params (string Name, string Yaml)[] playbooks) =>
        new() { Playbooks = playbooks.ToDictionary(p => p.Name + ".yaml", p => p.Yaml) };
}
