using System.Diagnostics;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>Small helpers of the engine-level control tests: requests, waiting without the engine's clock, FIFOs.</summary>
internal static class Flow
{
    public static ExecutionRequest Request(string yaml, IReadOnlyDictionary<string, Value>? inputs = null, bool dryRun = false, string startedBy = "test:harness", string? idempotencyKey = null, bool autoApprove = false) => new()
    {
        Playbook = EngineHarness.Load(yaml),
        Content = yaml,
        Inputs = inputs ?? new Dictionary<string, Value>(),
        DryRun = dryRun,
        StartedBy = startedBy,
        IdempotencyKey = idempotencyKey,
        AutoApprove = autoApprove,
    };

    /// <summary>
    /// Waits until the execution ends or parks. With no timeout of the engine's clock (which may be a manual one
    /// that never moves); a real 30 s bound only keeps a broken test from hanging.
    /// </summary>
    public static async Task<ExecutionState> SettleAsync(PlaybookEngine engine, string executionId)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await engine.WaitAsync(executionId, Timeout.InfiniteTimeSpan, bound.Token);
    }

    /// <summary>Starts an execution; returns its id once step <paramref name="stepId"/> is recorded running.</summary>
    public static async Task<string> StartUntilRunningAsync(PlaybookEngine engine, ExecutionRequest request, string stepId)
    {
        var probe = new ExecutionProbe();
        using var _ = engine.Observe(null, probe);
        var running = probe.WhenStep(stepId, StepStatus.Running);
        var start = await engine.StartAsync(request, null, default);
        await running;
        return start.ExecutionId;
    }

    /// <summary>Starts an execution; returns its id once a timer runs on <paramref name="clock"/> (the engine waits on it).</summary>
    public static async Task<string> StartUntilTimerAsync(PlaybookEngine engine, ExecutionRequest request, Support.ManualTimeProvider clock, int timers = 1)
    {
        var start = await engine.StartAsync(request, null, default);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await clock.WaitForTimersAsync(timers, bound.Token);
        return start.ExecutionId;
    }

    /// <summary>Makes a named pipe: a shell step blocks on it until the test reads or writes it.</summary>
    public static async Task<string> FifoAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return path;
    }

    /// <summary>Reads what a step writes into the pipe (blocks until the step opens it and closes it).</summary>
    public static Task<string> ReadFifoAsync(string path) => Task.Run(() => File.ReadAllText(path)).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Writes into the pipe, releasing a step that reads it (blocks until the step opens it).</summary>
    public static Task WriteFifoAsync(string path) => Task.Run(() => File.WriteAllText(path, "go\n")).WaitAsync(TimeSpan.FromSeconds(30));
}
