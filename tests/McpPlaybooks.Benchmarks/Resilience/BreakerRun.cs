using System.Collections;
using McpPlaybooks.Benchmarks.Execution;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Benchmarks.Resilience;

/// <summary>
/// <c>breaker [RUNS]</c>: the learning memory's flaky case against the circuit breakers with their default thresholds.
/// RUNS executions (default 8), one after the other in one engine, of a shell step that fails once with a temporary
/// error and succeeds on its retry, except every fourth run, where both attempts fail: RUNS - RUNS/4 should complete.
/// Prints how many did, and the breakers' states.
/// </summary>
internal static class BreakerRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (OperatingSystem.IsWindows())
        {
            Console.Error.WriteLine("breaker runs a shell script: it needs a POSIX system");
            return 2;
        }

        var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8;
        var directory = Timings.TempDirectory("breaker");
        try
        {
            var script = Path.Combine(directory, "flaky.sh");
            await File.WriteAllTextAsync(script, $"""
                #!/bin/sh
                marker='{directory}'/run-$1
                if [ $(($1 % 4)) -eq 0 ] || [ ! -e "$marker" ]; then touch "$marker"; echo "temporary glitch on run $1" >&2; exit 75; fi
                echo ok
                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var yaml = $$$"""
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
                    retry: { max_attempts: 2, delay: 10ms, backoff: fixed, jitter: false }
                """;
            var playbook = new PlaybookValidator().ValidateText(yaml, "flaky.yaml").Playbook!;
            var settings = new CircuitBreakerSettings();
            await using var engine = await PlaybookEngine.OpenAsync(
                new EngineOptions { DataDirectory = Path.Combine(directory, "data"), Breakers = settings },
                TimeProvider.System,
                NullLoggerFactory.Instance,
                new Hashtable(),
                CancellationToken.None);
            var completed = 0;
            for (var run = 1; run <= runs; run++)
            {
                var inputs = new Dictionary<string, Value>(StringComparer.Ordinal) { ["run"] = Value.From(run) };
                var state = await engine.RunAsync(new ExecutionRequest { Playbook = playbook, Content = yaml, Inputs = inputs, StartedBy = "bench" }, null, CancellationToken.None);
                completed += state.Status == ExecutionStatus.Completed ? 1 : 0;
                Console.WriteLine($"run {run}: {state.Status.ToString().ToLowerInvariant()}{(state.Error is { } error ? ": " + error.Message : "")}");
            }

            Console.WriteLine(
                $"breaker (minimum {settings.MinimumCalls} calls, ratio {settings.FailureRatio}, window {settings.Window.TotalSeconds:F0}s, open {settings.OpenDuration.TotalSeconds:F0}s): "
                + $"{completed} of {runs} flaky executions completed ({runs - (runs / 4)} expected)");
            foreach (var breaker in engine.Breakers)
            {
                Console.WriteLine($"  {breaker.Target}: {breaker.State}, {breaker.Failures} unhealthy failures in {breaker.Calls} calls");
            }

            return completed == runs - (runs / 4) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
