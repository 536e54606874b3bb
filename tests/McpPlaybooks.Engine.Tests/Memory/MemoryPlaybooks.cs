using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>Playbooks whose outcomes are known in advance, with the scripts they run, for the learning memory's tests.</summary>
internal static class MemoryPlaybooks
{
    /// <summary>
    /// Fails every other attempt (a counter file) with a temporary error; retried on temporary, so every run completes at
    /// attempt 2. <paramref name="breakerKey"/> names the step's circuit breaker (the default is the script's).
    /// </summary>
    public static string Flaky(EngineHarness harness, string? breakerKey = null)
    {
        var counter = harness.PathOf("counter");
        var script = Script(harness, "flaky.sh", $"""
            count=$(cat '{counter}' 2>/dev/null || echo 0)
            count=$((count + 1))
            echo $count > '{counter}'
            if [ $((count % 2)) -eq 1 ]; then echo "temporary glitch on try $count" >&2; exit 75; fi
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
                timeout: 5s
                rollback: []
            """ + (breakerKey is null ? "" : $"\n    breaker: {{ key: {breakerKey} }}\n");
    }

    /// <summary>Always fails with a temporary error (a sick target), in one attempt, through the breaker named <paramref name="breakerKey"/>.</summary>
    public static string Down(EngineHarness harness, string breakerKey)
    {
        var script = Script(harness, "down.sh", """
            echo "temporary glitch: service unavailable" >&2
            exit 75
            """);
        return $$$"""
            id: down-service
            name: Down service
            version: 1.0.0
            inputs:
              run: { type: integer }
            steps:
              - id: probe
                action: shell
                with: { command: ["{{{script}}}", "{{ inputs.run }}"] }
                breaker: { key: {{{breakerKey}}} }
                rollback: []
            """;
    }

    /// <summary>Fails permanently (a configuration error naming a different path each time) in runs 4, 8, 12...; a `notify` step always skipped.</summary>
    public static string ConfigCheck(EngineHarness harness)
    {
        var script = Script(harness, "config.sh", """
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

    /// <summary>Always fails with an authentication error, retried on authentication (which never helps).</summary>
    public static string Login(EngineHarness harness)
    {
        var script = Script(harness, "login.sh", """
            echo "login refused for user $1" >&2
            exit 1
            """);
        return $$$"""
            id: login-check
            name: Login check
            version: 1.0.0
            inputs:
              run: { type: integer }
            errors:
              - { match: "login refused", category: authentication }
            steps:
              - id: login
                action: shell
                with: { command: ["{{{script}}}", "{{ inputs.run }}"] }
                retry: { max_attempts: 2, delay: 10ms, backoff: fixed, jitter: false, retry_on: [authentication] }
                rollback: []
            """;
    }

    /// <summary>A wait longer than its timeout: every attempt times out.</summary>
    public const string Slow = """
        id: slow-wait
        name: Slow wait
        version: 1.0.0
        inputs:
          run: { type: integer }
        steps:
          - id: slow
            action: wait
            with: { duration: 10s }
            timeout: 100ms
        """;

    /// <summary>Runs <paramref name="yaml"/> with input <c>run</c>, and an incident of that type when given.</summary>
    public static Task<ExecutionState> RunAsync(EngineHarness harness, string yaml, int run, string? incidentType = null, bool dryRun = false) =>
        harness.Engine.RunAsync(
            new ExecutionRequest
            {
                Playbook = EngineHarness.Load(yaml),
                Content = yaml,
                Inputs = EngineHarness.Inputs(("run", Value.From(run))),
                Incident = incidentType is null ? Value.Null : Value.FromJsonText($$"""{"type": "{{incidentType}}", "severity": "high"}"""),
                DryRun = dryRun,
                StartedBy = "test:memory",
            },
            null,
            CancellationToken.None);

    /// <summary>Runs runs 1..<paramref name="count"/> one after the other.</summary>
    public static async Task<List<ExecutionState>> RunManyAsync(EngineHarness harness, string yaml, int count, string? incidentType = null)
    {
        var states = new List<ExecutionState>();
        for (var run = 1; run <= count; run++)
        {
            states.Add(await RunAsync(harness, yaml, run, incidentType));
        }

        return states;
    }

    private static string Script(EngineHarness harness, string name, string body)
    {
        Assert.False(OperatingSystem.IsWindows(), "the memory tests run shell scripts");
        var path = harness.PathOf(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
