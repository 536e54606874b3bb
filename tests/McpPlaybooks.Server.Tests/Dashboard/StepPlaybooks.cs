namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The playbooks of the one-execution page's timeline, step details and log tests.</summary>
internal static class StepPlaybooks
{
    /// <summary>The value given as <c>echo-secret</c>'s secret input: it must never reach a page.</summary>
    public const string Secret = "hunter2-dashboard-secret-7f3a";

    /// <summary>Echoes a secret input (the engine masks it) and some markup (shown as text), then prints 10,000 characters (bounded), then logs.</summary>
    public const string EchoSecret = """
        id: echo-secret
        name: Echo a secret
        version: 1.0.0
        inputs:
          token: { type: string, secret: true }
        steps:
          - id: say
            action: shell
            with: { command: [/bin/echo, "the token is {{ inputs.token }} <b id=injected>markup</b>"] }
            rollback: []
          - id: long
            needs: [say]
            action: shell
            with: { command: [/bin/sh, -c, "head -c 10000 /dev/zero | tr '\\0' x"] }
            rollback: []
          - id: note
            needs: [long]
            action: log
            with: { message: "said {{ steps.say.output.stdout }}" }
        """;

    /// <summary>A step that fails twice with a temporary error and then passes (three attempts), then a log line.</summary>
    public static string Flaky(string marker) => $$"""
        id: flaky
        name: Flaky
        version: 1.0.0
        errors:
          - { match: "temporary glitch", category: temporary }
        steps:
          - id: restart
            action: shell
            with: { command: [/bin/sh, -c, "n=$(cat '{{marker}}' 2>/dev/null || echo 0); echo $((n+1)) > '{{marker}}'; if [ $n -lt 2 ]; then echo 'temporary glitch' >&2; exit 1; fi; echo restarted"] }
            retry: { max_attempts: 3, delay: 50ms, backoff: fixed, jitter: false, retry_on: [temporary] }
            rollback: []
          - id: after
            needs: [restart]
            action: log
            with: { message: "restarted after retries" }
        """;

    /// <summary>A loop over five literal items, one at a time; item "c" fails for good (no retry), so "d" and "e" never start.</summary>
    public const string Loop = """
        id: loop
        name: Loop
        version: 1.0.0
        steps:
          - id: each
            action: shell
            foreach: ["a", "b", "c", "d", "e"]
            concurrency: 1
            with: { command: [/bin/sh, -c, "if [ \"$0\" = c ]; then echo 'c is broken' >&2; exit 1; fi; echo done $0", "{{ item }}"] }
            rollback: []
        """;

    /// <summary>A log line, then a shell step that runs until <paramref name="marker"/> exists, then another log line.</summary>
    public static string Waiting(string marker) => $$"""
        id: waiting
        name: Waiting
        version: 1.0.0
        steps:
          - id: first
            action: log
            with: { message: "before the wait" }
          - id: hold
            needs: [first]
            action: shell
            with: { command: [/bin/sh, -c, "while [ ! -f '{{marker}}' ]; do sleep 0.05; done; echo released"] }
            rollback: []
          - id: last
            needs: [hold]
            action: log
            with: { message: "after the wait" }
        """;
}
