using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Engine.Tests.Validation.Graphs;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Benchmarks.Validation;

/// <summary>
/// <c>validator [STEPS]</c>: validates big step graphs (default 8,000 steps: a chain, a cycle, a fan-out/fan-in, and
/// steps that all need a misspelled id) and prints, for each, the time, the bytes allocated and the process's peak
/// working set, against the target: under 250 MB and 2 s for 8,000 steps.
/// </summary>
internal static class ValidatorRun
{
    private const long TargetBytes = 250L * 1024 * 1024;

    private static readonly TimeSpan TargetTime = TimeSpan.FromSeconds(2);

    public static int Run(string[] args)
    {
        var steps = 8_000;
        if (args.Length > 0 && (!int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out steps) || steps < 3))
        {
            Console.Error.WriteLine("usage: validator [STEPS]  (STEPS an integer of at least 3, default 8000)");
            return 2;
        }

        var validator = new PlaybookValidator();
        foreach (var shape in LargePlaybooks.Shapes)
        {
            validator.ValidateText(LargePlaybooks.Create(shape, 500), "warm-up.yaml"); // The code is compiled before it is timed.
        }

        var within = true;
        foreach (var shape in LargePlaybooks.Shapes)
        {
            var text = LargePlaybooks.Create(shape, steps);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var report = validator.ValidateText(text, shape + ".yaml");
            var elapsed = watch.Elapsed;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            process.Refresh();
            var peak = process.PeakWorkingSet64;
            var ok = elapsed < TargetTime && allocated < TargetBytes && peak < TargetBytes;
            within &= ok;
            Console.WriteLine(
                $"{shape,-14} {steps:N0} steps, {text.Length / 1024.0:F0} KB: {elapsed.TotalMilliseconds,7:F0} ms, " +
                $"{allocated / 1048576.0,8:F1} MB allocated, peak working set {peak / 1048576.0,6:F0} MB, " +
                $"{report.ErrorCount} errors, {report.WarningCount} warnings {(ok ? "(within target)" : "(OVER TARGET)")}");
        }

        Console.WriteLine($"target: {TargetBytes / 1048576} MB and {TargetTime.TotalSeconds:F0} s for each; the peak working set is the process's, so it only grows from shape to shape");
        return within ? 0 : 1;
    }
}
