using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Memory;

/// <summary>
/// Playbooks whose outcomes are known in advance, for the memory tools' tests, with the shell scripts they run (written to
/// a test folder). Each takes an integer input <c>run</c>.
/// </summary>
internal static class MemoryPlaybooks
{
    /// <summary>
    /// <c>flaky-restart</c>: its script fails every other attempt (the 2nd, 4th... of the test: a counter file) with a temporary
    /// error, retried on temporary: run 1 completes at once, every later run completes at attempt 2. At most half the calls
    /// fail, so its circuit breaker (60%) never opens.
    /// </summary>
    public static string Flaky(TempDirectory scripts)
    {
        var counter = Path.Combine(scripts.Path, "counter");
        var script = Script(scripts, "flaky.sh", $"""
            count=$(cat '{counter}' 2>/dev/null || echo 0)
            count=$((count + 1))
            echo $count > '{counter}'
            if [ $((count % 2)) -eq 0 ]; then echo "temporary glitch on try $count" >&2; exit 75; fi
            echo ok
            """);
        return $$$"""
        id: flaky-restart
        name: Flaky restart
        version: 1.0.0
        inputs:
          run: { type: integer }
        errors:
          - { match: "temporary glitch", category: temporary }
        steps:
          - id: restart
            action: shell
            with: { command: ["{{{script}}}", "{{ inputs.run }}"] }
            retry: { max_attempts: 3, delay: 10ms, backoff: fixed, jitter: false, retry_on: [temporary] }
            rollback: []
        """;
    }

    /// <summary>
    /// <c>config-check</c>: fails permanently in runs 4, 8... with a configuration error naming a different path each time
    /// (retried once, in vain); its <c>notify</c> step is always skipped.
    /// </summary>
    public static string ConfigCheck(TempDirectory scripts)
    {
        var script = Script(scripts, "config.sh", """
            if [ $(($1 % 4)) -eq 0 ]; then echo "fatal config error at /etc/app/$1.conf" >&2; exit 1; fi
            echo ok
            """);
        return $$$"""
        id: config-check
        name: Config check
        version: 1.0.0
        inputs:
          run: { type: integer }
        errors:
          - { match: "fatal config error", category: configuration }
        steps:
          - id: check
            action: shell
            with: { command: ["{{{script}}}", "{{ inputs.run }}"] }
            retry: { max_attempts: 2, delay: 10ms, backoff: fixed, jitter: false, retry_on: [configuration] }
            rollback: []
          - id: notify
            action: log
            when: "inputs.run > 100"
            with: { message: never }
        """;
    }

    /// <summary><c>login-check</c>: always fails with an authentication error, retried on authentication (which never helps); triggered by availability incidents.</summary>
    public static string Login(TempDirectory scripts, string retryOn = "authentication")
    {
        var script = Script(scripts, "login.sh", """
            echo "login refused for user $1" >&2
            exit 1
            """);
        return $$$"""
        id: login-check
        name: Login check
        version: 1.0.0
        triggers:
          - type: [availability]
        inputs:
          run: { type: integer }
        errors:
          - { match: "login refused", category: authentication }
        steps:
          - id: login
            action: shell
            with: { command: ["{{{script}}}", "{{ inputs.run }}"] }
            retry: { max_attempts: 2, delay: 10ms, backoff: fixed, jitter: false, retry_on: [{{{retryOn}}}] }
            rollback: []
        """;
    }

    /// <summary><c>down-check</c>: its target is always down (a temporary error, no retry), so its breaker opens after five calls.</summary>
    public static string Down(TempDirectory scripts)
    {
        var script = Script(scripts, "down.sh", """
            echo "temporary glitch: service down" >&2
            exit 75
            """);
        return $$$"""
        id: down-check
        name: Down check
        version: 1.0.0
        inputs:
          run: { type: integer }
        errors:
          - { match: "temporary glitch", category: temporary }
        steps:
          - id: probe
            action: shell
            with: { command: ["{{{script}}}", "{{ inputs.run }}"] }
            retry: { max_attempts: 1 }
            rollback: []
        """;
    }

    /// <summary><c>fresh-login</c>: never run, with the same trigger as <c>login-check</c>.</summary>
    public const string FreshLogin = """
        id: fresh-login
        name: Fresh login
        version: 1.0.0
        triggers:
          - type: [availability]
        steps:
          - id: check
            action: log
            with: { message: fine }
        """;

    private static string Script(TempDirectory scripts, string name, string body)
    {
        Assert.False(OperatingSystem.IsWindows(), "the memory tests run shell scripts");
        var path = scripts.Write(name, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
