using System.CommandLine;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Server.Cli.Control;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>resume [--data-dir DIR] [--database PATH|CONNECTION] [--json]</c>: takes over every unfinished execution whose process is gone, drives each until
/// it ends or parks, and says how each stands. Exit 0 when all completed (or there was nothing to resume), 1 when one
/// failed, was cancelled or rolled back, 3 when one is parked (a gate, an interrupted step).
/// </summary>
internal sealed class ResumeCommand : Command
{
    private readonly CliContext _context;

    private readonly HistoryOptions _history = new();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print one JSON document on stdout, and nothing else: each execution resumed (steps re-run, steps interrupted, "
            + "its final state) and each left to another live process.",
    };

    public ResumeCommand(CliContext context)
        : base("resume", "Take over every unfinished execution whose process stopped (killed, crashed, or exited at a gate), and drive "
            + "each until it ends or parks. A step that was running when its process died runs again when it is idempotent; otherwise "
            + "it becomes interrupted and its execution waits for 'control ID retry_step|skip_step --step STEP'. On an SQLite "
            + "history, executions still leased by a process of this host that is gone are waited for (up to their lease, 15 s); on "
            + "PostgreSQL an execution is free once its lease has expired, whatever runs on this host. Exits 0 when all completed or "
            + "there was nothing to resume, 1 when one failed, was cancelled or rolled back, 3 when one is parked at a gate or an "
            + "interrupted step.")
    {
        _context = context;
        _history.AddTo(this);
        Add(_json);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(_json);
        if (_history.Resolve(parseResult, _context) is not { } target || CliEngine.ReadOptions(target, _context, resumeOnOpen: false) is not { } options)
        {
            return ExitCodes.Usage;
        }

        switch (await StoredHistory.ExistsAsync(target, _context, cancellationToken))
        {
            case null:
                return ExitCodes.Failure;
            case false:
                Write(json, [], []);
                return ExitCodes.Success;
        }

        return await CliEngine.UseAsync(options, target, _context, "cancelled", session => ResumeAsync(session, target.Location.Kind, json, cancellationToken), cancellationToken);
    }

    private async Task<int> ResumeAsync(CliEngine session, StoreKind kind, bool json, CancellationToken cancellationToken)
    {
        var engine = session.Engine;
        var report = await engine.ResumeUnfinishedAsync(cancellationToken);
        var look = await DeadOwners.LookAsync(engine, cancellationToken);
        for (var again = 0; again < 2; again++)
        {
            // A lease may expire between the takeover and this look (take those now); a process of this host that is
            // gone leaves its lease for up to its duration (wait for it, then take them). What is held and what is free
            // come from one look, so an execution whose lease expires meanwhile is taken or reported as held, never lost
            // between two looks (a resume on PostgreSQL once reported neither, and left it to a later takeover).
            var waited = await DeadOwners.WaitForExpiryAsync(look.Held, kind, _context.Error, cancellationToken);
            if (!waited && look.Free.Count == 0)
            {
                break;
            }

            report = ResumedSteps.Merge(report, await engine.ResumeUnfinishedAsync(cancellationToken));
            look = await DeadOwners.LookAsync(engine, cancellationToken);
        }

        var held = look.Held;

        var resumed = report.Resumed.Select(id => new ResumedExecution(id, ResumedSteps.Rerun(report, id), ResumedSteps.Interrupted(report, id), null)).ToList();
        if (!json)
        {
            resumed.ForEach(execution => _context.Out.WriteLine(ResumeWriter.TakenOver(execution)));
        }

        await session.FinishAsync(report.Resumed, cancellationToken);
        for (var i = 0; i < resumed.Count; i++)
        {
            resumed[i] = resumed[i] with { State = await engine.GetStateAsync(resumed[i].ExecutionId, cancellationToken) };
        }

        Write(json, resumed, held);
        return ExitCode(resumed);
    }

    private void Write(bool json, IReadOnlyList<ResumedExecution> resumed, IReadOnlyList<McpPlaybooks.Engine.History.Records.ExecutionRecord> held)
    {
        if (json)
        {
            _context.Out.WriteLine(ResumeWriter.Json(resumed, held));
            return;
        }

        if (resumed.Count == 0)
        {
            _context.Out.WriteLine("nothing to resume: no unfinished execution is without a live process");
        }

        foreach (var line in resumed.SelectMany(ResumeWriter.Final))
        {
            _context.Out.WriteLine(line);
        }

        foreach (var record in held)
        {
            _context.Out.WriteLine(ResumeWriter.Held(record));
        }
    }

    /// <summary>1 when any ended badly, else 3 when any is parked, else 0.</summary>
    private static int ExitCode(IReadOnlyList<ResumedExecution> resumed)
    {
        var codes = resumed.Select(execution => execution.State is { } state ? RunExitCode.AfterWait(state.Status) : ExitCodes.Success).ToList();
        return codes.Contains(ExitCodes.Failure) ? ExitCodes.Failure
            : codes.Contains(ExitCodes.Parked) ? ExitCodes.Parked
            : ExitCodes.Success;
    }
}
