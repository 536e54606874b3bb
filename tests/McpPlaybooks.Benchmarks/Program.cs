using BenchmarkDotNet.Running;
using McpPlaybooks.Benchmarks;
using McpPlaybooks.Benchmarks.Catalog;
using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Benchmarks.Dashboard;
using McpPlaybooks.Benchmarks.Execution;
using McpPlaybooks.Benchmarks.Expressions;
using McpPlaybooks.Benchmarks.History;
using McpPlaybooks.Benchmarks.Learning;
using McpPlaybooks.Benchmarks.Resilience;
using McpPlaybooks.Benchmarks.ScaleOut;
using McpPlaybooks.Benchmarks.Validation;

// Usage: dotnet run -c Release --project tests/McpPlaybooks.Benchmarks -- <benchmark> [arguments]
switch (args.Length > 0 ? args[0] : null)
{
    case "expressions":
        BenchmarkRunner.Run<ExpressionBenchmarks>(args: args[1..]);
        return 0;
    case "mutate":
        return MutationRun.Run(args[1..]);
    case "validator":
        return ValidatorRun.Run(args[1..]);
    case "catalog":
        return await CatalogRun.RunAsync(args[1..]);
    case "steps":
        return await StepOverheadRun.RunAsync(args[1..]);
    case "step-pages":
        return await StepPagesRun.RunAsync(args[1..]);
    case "shell":
        return await ShellPlaybookRun.RunAsync(args[1..]);
    case "history":
        return await HistoryRun.RunAsync(args[1..]);
    case "state-read":
        return await StateReadRun.RunAsync(args[1..]);
    case "park":
        return await ParkRun.RunAsync(args[1..]);
    case "restart":
        return await RestartRun.RunAsync(args[1..]);
    case "restart-serve":
        return await RestartServeRun.RunAsync(args[1..]);
    case "restart-seed":
        return await RestartRun.SeedAsync(args[1..]);
    case "memory":
        return await MemoryRun.RunAsync(args[1..]);
    case "breaker":
        return await BreakerRun.RunAsync(args[1..]);
    case "crash":
        return await CrashRun.RunAsync(args[1..]);
    case "dashboard":
        return await DashboardListRun.RunAsync(args[1..]);
    case "scale":
        return await ScaleOutRun.RunAsync(args[1..]);
    case "wake":
        return await WakeRun.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project tests/McpPlaybooks.Benchmarks -- <benchmark> [arguments]

            benchmarks:
              expressions                 parse an expression, evaluate a condition, render templates (BenchmarkDotNet options may follow)
              mutate [COUNT] [FIRST-SEED] validate COUNT mutated playbooks (default 20000) and print the totals
              validator [STEPS]           validate STEPS-step graphs (default 8000): a chain, a cycle, a fan-out/fan-in, unknown needs; time and memory
              catalog [FILES]             FILES playbooks (default 60): a save and 10 child starts, every file validated again (before) against only what changed
              steps [COUNT] [RUNS]        a COUNT-step no-op playbook (default 1000) with full history: steps/s and overhead per step
              step-pages [COUNT]          the pages a COUNT-step no-op chain (default 500) writes to the WAL: per step, by table and index
              shell [STEPS] [RUNS]        a STEPS-step /bin/true playbook (default 50) against a shell loop, whole process and in process
              history [N]                 write N step attempts to a SQLite history, by 1 caller then by 8 (default 5000): latency p50 to slowest, checkpoints beside the commits against inside one
              state-read [STEPS] [BYTES]  an ended execution's state read from history (STEPS steps tried 3 times, BYTES of output each; default 40, 16000): its finally calls' attempts only against every attempt; one step's by step against all
              park [COUNT]                park COUNT executions at an approval gate (default 10000): time, memory, then approve 100
              restart [COUNT]             a new engine takes over COUNT unfinished executions (default 1000), parked then running
              restart-serve [COUNT] [DLL] serve over stdio on COUNT executions (default 10000) a killed process left parked: spawn to initialize, to all taken over (median of RUNS restarts, default 5)
              memory [ATTEMPTS] [CALLS] [RUNS]  ATTEMPTS step attempts of history (default 100000), then the memory's answers and the per-step cost with it on and off
              breaker [RUNS]              RUNS executions (default 8) of a step that fails once and succeeds on its retry (every fourth fails twice): how many complete
              scale [EXECUTIONS]          executions completed per second with 1, 2 and 3 'serve --http' on one database (default 300 per round; MCPPLAYBOOKS_TEST_DATABASE)
              wake [ROUNDS]               an approval forwarded to the owning engine on PostgreSQL (MCPPLAYBOOKS_TEST_DATABASE), ROUNDS times (default 30): woken by NOTIFY, then polling
              dashboard [COUNT] [REQUESTS]  COUNT executions (default 100000) in history, then 'serve --http': p50/p95 of the executions page and each list query
              crash [KILLS]               SIGKILL the server at least KILLS times (default 200) at every transition, from outside and among pure steps; resume each and print the tally (MCPPLAYBOOKS_TEST_DATABASE: on PostgreSQL)
            """);
        return 2;
}
