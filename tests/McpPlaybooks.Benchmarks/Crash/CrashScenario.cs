using System.Globalization;
using System.Text.Json;

namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>
/// One crash and its recovery, through the command line only: a <c>run</c> that the caller killed (the test hook's
/// SIGKILL after N commits, or a kill from outside), then <c>resume</c> on the same data directory, then
/// <c>control retry_step|skip_step</c> and <c>approve</c> until the execution completes. Checks as it goes that no marker
/// file counts more runs of a step than allowed (once, plus once per explicit retry), that an interrupted step is
/// <c>interrupted</c> and its execution parks (exit 3), and that the gate's decision is kept exactly once. The history is
/// the data directory's SQLite file, or a PostgreSQL database (<see cref="CrashStore"/>).
/// </summary>
internal sealed class CrashScenario
{
    /// <summary>The exit code of a .NET child process that SIGKILL ended (128 + 9).</summary>
    public const int KilledExitCode = 137;

    /// <summary>The lease each process takes (test only): short, so a killed process's executions are free at once.</summary>
    public const string LeaseMilliseconds = "400";

    private readonly CliCall _cli;
    private readonly CrashPlaybook _playbook;
    private readonly string _directory;
    private readonly List<string> _violations = [];
    private readonly List<string> _log = [];
    private readonly Dictionary<string, int> _retried = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private int _kills;
    private int _resumed;
    private int _rerun;
    private int _interrupted;

    public CrashScenario(CliCall cli, CrashPlaybook playbook, string directory, CrashStore? store = null)
    {
        _cli = cli;
        _playbook = playbook;
        _directory = directory;
        Store = store ?? CrashStore.Sqlite;
        File.WriteAllText(Path.Combine(directory, "crash.yaml"), playbook.Yaml);
    }

    public string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Where the history is, as every command is told.</summary>
    public CrashStore Store { get; }

    /// <summary>The arguments of the <c>run</c> to kill.</summary>
    public IReadOnlyList<string> RunArguments => ["run", "crash.yaml", "--input", $"dir={_directory}", .. Where, "--json"];

    /// <summary>The data directory, and the database when the history is not the SQLite file in it.</summary>
    private IReadOnlyList<string> Where => ["--data-dir", DataDirectory, .. Store.Arguments];

    /// <summary>
    /// The environment of every command: the short lease, the test hook's kill after <paramref name="killAfterCommits"/>
    /// commits, and what <paramref name="store"/> needs (a PostgreSQL password).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(int? killAfterCommits, CrashStore? store = null)
    {
        var environment = new Dictionary<string, string>(store?.Environment ?? CrashStore.Sqlite.Environment, StringComparer.Ordinal)
        {
            ["MCPPLAYBOOKS_TEST_LEASE_MS"] = LeaseMilliseconds,
            // approve --as the gate's approver: allowed only for the OS user the server maps to that name.
            ["MCPPLAYBOOKS_APPROVAL_USERS"] = $"{System.Environment.UserName}={CrashPlaybook.Approver}",
        };
        if (killAfterCommits is { } commits)
        {
            environment["MCPPLAYBOOKS_TEST_KILL_AFTER_COMMITS"] = commits.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>
    /// Recovers from the run's end and drives the execution to completion. <paramref name="killDecisionAfter"/> kills the
    /// first <c>approve</c> after that many commits too, and <paramref name="killControlAfter"/> the first <c>control</c>;
    /// <paramref name="skipInterrupted"/> answers an interrupted step with <c>skip_step</c> rather than <c>retry_step</c>.
    /// </summary>
    public async Task<CrashOutcome> FinishAsync(CliCallResult run, int? killDecisionAfter, bool skipInterrupted, int? killControlAfter = null)
    {
        Record("run", run);
        StateDocument? state;
        bool started;
        if (run.ExitCode == KilledExitCode)
        {
            _kills++;
            (state, started) = await RecoverAsync();
        }
        else if (run.ExitCode is 0 or 3)
        {
            // Not killed: it completed, or parked at its gate.
            (state, started) = (StateDocument.Parse(run.Out), true);
        }
        else
        {
            return Outcome(state: null, started: false, $"run exited {run.ExitCode} (neither killed, completed nor parked at the gate): {run.Error}");
        }

        for (var turn = 0; state is not null && state.Status != "completed" && turn < 12; turn++)
        {
            var interrupted = state.StepsIn("interrupted");
            IReadOnlyList<string> args;
            int? kill = null;
            if (state.Status == "paused" && interrupted.Count > 0)
            {
                var step = interrupted[0];
                var action = skipInterrupted ? "skip_step" : "retry_step";
                if (skipInterrupted)
                {
                    _skipped.Add(step);
                }
                else
                {
                    _retried[step] = _retried.GetValueOrDefault(step) + 1;
                }

                args = ["control", state.ExecutionId, action, "--step", step];
                (kill, killControlAfter) = (killControlAfter, null);
            }
            else if (state.Status == "waiting_approval")
            {
                args = ["approve", state.ExecutionId, CrashPlaybook.Gate, "--as", CrashPlaybook.Approver];
                (kill, killDecisionAfter) = (killDecisionAfter, null);
            }
            else
            {
                return Outcome(state, started, $"the execution stands {state} and there is nothing to do for it");
            }

            var result = await _cli([.. args, .. Where, "--json", "--wait", "60"], Environment(kill, Store));
            Record(string.Join(' ', args.Take(3)) + (kill is { } k ? $" (kill after {k})" : ""), result);
            if (kill is not null && result.ExitCode == KilledExitCode)
            {
                _kills++;
                (state, _) = await RecoverAsync();
            }
            else if (result.ExitCode is 0 or 3)
            {
                state = StateDocument.Parse(result.Out);
            }
            else
            {
                return Outcome(state, started, $"{string.Join(' ', args.Take(3))} exited {result.ExitCode}: {result.Error}");
            }
        }

        return Outcome(state, started, null);
    }

    /// <summary>
    /// <c>resume --json</c> after a kill: the execution's state once it ended or parked, or null when there is none to
    /// resume (it was never recorded, or it had completed); and whether an execution was recorded at all.
    /// </summary>
    private async Task<(StateDocument? State, bool Started)> RecoverAsync()
    {
        var (result, output) = await ResumeAsync();
        var resumed = output.GetProperty("resumed").EnumerateArray().ToList();
        if (resumed.Count == 0)
        {
            Expect(result.ExitCode == 0, $"resume with nothing to resume exited {result.ExitCode}");
            return await FromHistoryAsync();
        }

        Expect(resumed.Count == 1, $"resume took over {resumed.Count} executions, not 1");
        var entry = resumed[0];
        _resumed++;
        var rerun = entry.GetProperty("rerun").EnumerateArray().Select(step => step.GetString()!).ToList();
        var interrupted = entry.GetProperty("interrupted").EnumerateArray().Select(step => step.GetString()!).ToList();
        _rerun += rerun.Count;
        _interrupted += interrupted.Count;
        var state = StateDocument.Parse(entry.GetProperty("state"));
        foreach (var step in interrupted)
        {
            Expect(_playbook.MarkingSteps.Contains(step), $"step '{step}' was interrupted, but it is idempotent and should have run again");
            Expect(state.Steps.GetValueOrDefault(step) == "interrupted", $"interrupted step '{step}' stands {state.Steps.GetValueOrDefault(step)}");
        }

        if (interrupted.Count > 0)
        {
            Expect(state.Status == "paused", $"an execution with an interrupted step stands {state.Status}, not paused");
            Expect(result.ExitCode == 3, $"resume of an execution parked at an interrupted step exited {result.ExitCode}, not 3");
        }

        CountDuplicates();
        return (state, true);
    }

    /// <summary>
    /// <c>resume --json</c> and its output; once more after the lease it reports, when it reports the killed process's
    /// execution as held: a PostgreSQL history frees it only when the lease the process last renewed ends
    /// (<see cref="CrashStore.HoldsUntilLeaseExpiry"/>), at most <see cref="LeaseMilliseconds"/> after the kill. An
    /// execution still held after its lease ended is a violation.
    /// </summary>
    private async Task<(CliCallResult Result, JsonElement Output)> ResumeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await _cli(["resume", .. Where, "--json"], Environment(null, Store));
            Record("resume", result);
            using var document = JsonDocument.Parse(result.Out);
            var root = document.RootElement;
            var heldUntil = HeldUntil(root);
            if (heldUntil is null || attempt == 2)
            {
                Expect(heldUntil is null, $"the killed process's execution was still held after its lease ended ({LeaseMilliseconds} ms)");
                return (result, root.Clone());
            }

            // As resume waits on SQLite for a process of this host that is gone: until the lease it reported ends.
            var wait = heldUntil.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(20);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
    }

    /// <summary>When nothing was resumed and the store holds a killed process's executions until their leases end: the last end.</summary>
    private DateTimeOffset? HeldUntil(JsonElement resumeOutput) =>
        Store.HoldsUntilLeaseExpiry && resumeOutput.GetProperty("resumed").GetArrayLength() == 0
            && resumeOutput.TryGetProperty("held", out var held) && held.GetArrayLength() > 0
            ? held.EnumerateArray().Max(lease => lease.GetProperty("lease_expires_at").GetDateTimeOffset())
            : null;

    /// <summary>When <c>resume</c> found nothing: the execution was never recorded (no step may have run), or it had completed.</summary>
    private async Task<(StateDocument? State, bool Started)> FromHistoryAsync()
    {
        var history = await _cli(["history", .. Where, "--json"], Environment(null, Store));
        using var document = JsonDocument.Parse(history.Out);
        var rows = document.RootElement.EnumerateArray().ToList();
        if (rows.Count == 0)
        {
            foreach (var step in _playbook.MarkingSteps)
            {
                Expect(CrashPlaybook.Count(_directory, step) == 0, $"step '{step}' ran, but no execution was recorded");
            }

            return (null, false);
        }

        var status = rows[0].GetProperty("status").GetString();
        Expect(status == "completed", $"resume found nothing to resume, but the execution stands {status}");
        return (null, true);
    }

    private CrashOutcome Outcome(StateDocument? state, bool started, string? failure)
    {
        if (failure is not null)
        {
            _violations.Add(failure);
        }

        var finished = started && failure is null && (state?.Status ?? "completed") == "completed";
        if (started && failure is null)
        {
            Expect(finished, $"the execution ended {state}, not completed");
            foreach (var step in _playbook.MarkingSteps)
            {
                var count = CrashPlaybook.Count(_directory, step);
                var status = state?.Steps.GetValueOrDefault(step);
                Expect(_skipped.Contains(step) || count >= 1, $"step '{step}' stands {status} but never ran");
                Expect(state is null || status == (_skipped.Contains(step) ? "skipped" : "completed"), $"step '{step}' ended {status}");
            }

            foreach (var call in _playbook.MarkingFinally)
            {
                Expect(CrashPlaybook.Count(_directory, call) == 1, $"finally call '{call}' ran {CrashPlaybook.Count(_directory, call)} times, not once");
            }

            if (state is not null && _playbook.MarkingSteps.Contains("mark-c"))
            {
                // approve --as the gate's approver, mapped from this OS user: recorded as cli:<user>.
                var approver = $"cli:{System.Environment.UserName}";
                Expect(state.GateApprovers.SequenceEqual([approver]), $"the gate's decisions are by [{string.Join(", ", state.GateApprovers)}], not once by {approver}");
            }
        }

        return new CrashOutcome
        {
            Kills = _kills,
            Resumed = _resumed,
            Rerun = _rerun,
            Interrupted = _interrupted,
            Duplicates = CountDuplicates(),
            Started = started,
            Finished = finished,
            Violations = [.. _violations],
            Log = [.. _log],
        };
    }

    /// <summary>The steps whose marker counts more runs than allowed (once, plus once per explicit retry); each is a violation.</summary>
    private int CountDuplicates()
    {
        var duplicates = 0;
        foreach (var step in _playbook.MarkingSteps)
        {
            var allowed = 1 + _retried.GetValueOrDefault(step);
            var count = CrashPlaybook.Count(_directory, step);
            if (count > allowed)
            {
                duplicates++;
                Expect(false, $"step '{step}' ran {count} times; allowed {allowed} (retried {_retried.GetValueOrDefault(step)} times)");
            }
        }

        return duplicates;
    }

    private void Expect(bool condition, string violation)
    {
        if (!condition && !_violations.Contains(violation))
        {
            _violations.Add(violation);
        }
    }

    private void Record(string what, CliCallResult result)
    {
        var error = result.Error.Trim().ReplaceLineEndings(" | ");
        _log.Add($"{what}: exit {result.ExitCode}{(error.Length > 0 ? $"; stderr: {error[..Math.Min(error.Length, 400)]}" : "")}");
    }
}
