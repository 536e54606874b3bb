using System.Diagnostics;
using System.Text;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// <c>shell [STEPS] [RUNS]</c>: a STEPS-step <c>/bin/true</c> shell playbook (a chain) against a shell loop
/// of STEPS <c>/bin/true</c>, both as whole processes (<c>mcp-playbooks run</c> with its history against
/// <c>/bin/sh -c 'for ...'</c>), and both in-process (the engine warm, against STEPS process starts).
/// </summary>
internal static class ShellPlaybookRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var steps = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50;
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11;
        var server = BuiltServer.Path();
        var (program, prefix) = BuiltServer.Command(server);
        var directory = Timings.TempDirectory("shell");
        try
        {
            var yaml = Playbook(steps);
            var file = Path.Combine(directory, "true.yaml");
            await File.WriteAllTextAsync(file, yaml);
            var loop = $"for i in $(seq {steps}); do /bin/true; done";
            Console.WriteLine($"{steps} x /bin/true; median of {runs} runs; server: {server}");

            await Process("/bin/sh", ["-c", loop]);
            await Process(program, [.. prefix, "run", file, "--data-dir", Path.Combine(directory, "data"), "--json"]);
            var shell = await Timings.MedianAsync(runs, () => Process("/bin/sh", ["-c", loop]));
            var whole = await Timings.MedianAsync(runs, () => Process(program, [.. prefix, "run", file, "--data-dir", Path.Combine(directory, "data"), "--json"]));
            var startup = await Timings.MedianAsync(runs, () => Process(program, [.. prefix, "--version"]));
            Console.WriteLine($"whole process: shell loop {Timings.Millis(shell)}   mcp-playbooks run {Timings.Millis(whole)}   ratio {whole / shell:F2}x   (of which start-up alone, `--version`: {Timings.Millis(startup)})");

            await using var engine = await ParkedExecutions.OpenAsync(Path.Combine(directory, "warm"));
            var playbook = new PlaybookValidator().ValidateText(yaml, file).Playbook!;
            async Task Engine()
            {
                var state = await engine.RunAsync(new ExecutionRequest { Playbook = playbook, Content = yaml, StartedBy = "bench" }, null, CancellationToken.None);
                if (state.Status != ExecutionStatus.Completed)
                {
                    throw new InvalidOperationException($"the benchmark playbook ended {state.Status}: {state.Error?.Message}");
                }
            }

            async Task Starts()
            {
                for (var i = 0; i < steps; i++)
                {
                    await Process("/bin/true", []);
                }
            }

            await Engine();
            await Starts();
            var starts = await Timings.MedianAsync(runs, Starts);
            var warm = await Timings.MedianAsync(runs, Engine);
            Console.WriteLine($"in process:    {steps} Process.Start {Timings.Millis(starts)}   engine {Timings.Millis(warm)}   ratio {warm / starts:F2}x   per step {Timings.Micros(warm, steps)} (overhead {Timings.Micros(warm - starts, steps)})");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task Process(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string Playbook(int steps)
    {
        var text = new StringBuilder("id: bench-true\nname: /bin/true fifty times\nversion: 1.0.0\nsteps:\n");
        for (var i = 0; i < steps; i++)
        {
            text.Append("  - id: s").Append(i).Append('\n');
            if (i > 0)
            {
                text.Append("    needs: [s").Append(i - 1).Append("]\n");
            }

            text.Append("    action: shell\n    with: { command: [/bin/true] }\n    rollback: []\n");
        }

        return text.ToString();
    }
}
