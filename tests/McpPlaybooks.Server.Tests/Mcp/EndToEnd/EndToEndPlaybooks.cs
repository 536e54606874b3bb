using McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>The playbooks the stdio end-to-end tests put in the server's folder: real processes, a gate, an event, log lines.</summary>
internal static class EndToEndPlaybooks
{
    /// <summary>Matches an availability incident on web: checks with /bin/echo, then restarts behind an approval gate.</summary>
    public const string RestartWeb = """
        id: restart-web
        name: Restart the web service
        version: 1.0.0
        description: Restarts the web service after a health check, once someone approves.
        tags: [web, remediation]
        triggers:
          - type: [availability]
            service: [web]
        inputs:
          service: { type: string, description: the unit to restart }
        steps:
          - id: check
            action: shell
            with: { command: [/bin/echo, "healthy? {{ inputs.service }}"] }
            rollback: []
          - id: restart
            needs: [check]
            # The assistant may decide it on the user's word (the author says so: approvers lists assistant).
            approval: { message: "Restart {{ inputs.service }}?", approvers: [assistant], timeout: 15m }
            action: shell
            with: { command: [/bin/echo, "restarted {{ inputs.service }}"] }
            rollback: []
        outputs:
          checked: "{{ steps.check.output.stdout }}"
          restarted: "{{ steps.restart.output.stdout }}"
        """;

    /// <summary>A step that waits for the signal <c>go</c>, then a log step: holds a step running until the test signals it.</summary>
    public const string Listen = """
        id: listen
        name: Listen
        version: 1.0.0
        steps:
          - id: hear
            action: event
            with: { type: go, timeout: 10m }
          - id: after
            needs: [hear]
            action: log
            with: { message: "heard {{ steps.hear.output.payload.word }}" }
        outputs:
          word: "{{ steps.hear.output.payload.word }}"
        """;

    /// <summary>A real process, then one log line at each level, in a row.</summary>
    public const string Levels = """
        id: levels
        name: Levels
        version: 1.0.0
        steps:
          - id: run
            action: shell
            with: { command: [/bin/echo, ran] }
            rollback: []
          - { id: debug, needs: [run], action: log, with: { message: "a debug line", level: debug } }
          - { id: info, needs: [debug], action: log, with: { message: "an info line", level: info } }
          - { id: warning, needs: [info], action: log, with: { message: "a warning line", level: warning } }
          - { id: error, needs: [warning], action: log, with: { message: "an error line", level: error } }
        """;

    /// <summary>Every playbook above, and <see cref="TestPlaybooks.Seven"/> (log lines to page through), by file name.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>
    {
        ["restart-web.yaml"] = RestartWeb,
        ["listen.yaml"] = Listen,
        ["levels.yaml"] = Levels,
        ["seven.yaml"] = TestPlaybooks.Seven,
    };
}
