using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The lines <c>run</c> prints for people: one per step, a dry run's plan, and the summary. ASCII decoration only.</summary>
internal static class HumanRunFormat
{
    private const int MaxDetail = 240;

    /// <summary>How much of an error a line shows: its cause often comes last (a child's, after the child's id).</summary>
    private const int MaxError = 1000;

    public static string Header(string playbookId, string version, string executionId, bool dryRun) =>
        $"{(dryRun ? "dry run of" : "running")} {playbookId} {version} (execution {executionId})";

    /// <summary>The line for a step that reached <paramref name="step"/>'s status, or null for one not worth a line (pending, running).</summary>
    public static string? StepLine(StepState step, int idWidth, PendingApproval? gate)
    {
        ArgumentNullException.ThrowIfNull(step);
        var (label, detail) = step.Status switch
        {
            StepStatus.Completed => ("ok", Duration(step.StartedAt, step.EndedAt)),
            StepStatus.Failed => ("FAILED", Error(step.Error)),
            StepStatus.Skipped => ("skipped", ""),
            StepStatus.WaitingApproval => ("waiting", gate is null ? "(approval)" : $"(approval: {OneLine(gate.Message)})"),
            StepStatus.Cancelled => ("cancelled", ""),
            StepStatus.RolledBack => ("rolled back", ""),
            StepStatus.Interrupted => ("INTERRUPTED", "(it was running when its process stopped)"),
            StepStatus.NotRun => ("not run", ""),
            _ => ((string?)null, ""),
        };
        return label is null ? null : Row(label, step.Id, idWidth, detail);
    }

    /// <summary>A dry run's account of one step: would run or would skip (and why), then what it would do.</summary>
    public static IEnumerable<string> PlanLines(StepState step, int idWidth)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Plan is not { } plan)
        {
            yield return Row(EnumNames.ToName(step.Status), step.Id, idWidth, Error(step.Error));
            yield break;
        }

        var detail = plan.WouldRun ? plan.Action : $"{plan.Action}: {OneLine(plan.Reason ?? "")}";
        yield return Row(plan.WouldRun ? "would run" : "would skip", step.Id, idWidth, detail);
        if (plan.Gate is { } gate)
        {
            yield return $"      gate: {Approval(gate)}";
        }

        if (plan.Iterations is { } iterations)
        {
            yield return $"      iterations: {iterations}";
        }

        foreach (var line in plan.Description)
        {
            yield return $"      {OneLine(line)}";
        }

        foreach (var line in plan.Verify)
        {
            yield return $"      verify: {OneLine(line)}";
        }

        foreach (var line in plan.Rollback)
        {
            yield return $"      rollback: {OneLine(line)}";
        }

        foreach (var line in plan.WouldFail)
        {
            yield return $"      WOULD FAIL: {OneLine(line)}";
        }

        foreach (var line in plan.Notes)
        {
            yield return $"      note: {OneLine(line)}";
        }
    }

    /// <summary>The last lines a failed step printed (stdout, then stderr), at most <paramref name="max"/> of each, bounded.</summary>
    public static IEnumerable<string> FailureOutput(StepState step, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Status != StepStatus.Failed || step.Output.Kind != ValueKind.Object)
        {
            yield break;
        }

        foreach (var stream in (string[])["stdout", "stderr"])
        {
            if (step.Output.TryGetProperty(stream, out var text) && text.Kind == ValueKind.String && text.AsString().Length > 0)
            {
                var lines = text.AsString().ReplaceLineEndings("\n").Split('\n');
                foreach (var line in lines.Skip(Math.Max(0, lines.Length - max)))
                {
                    yield return $"      {stream} | {OneLine(line)}";
                }
            }
        }
    }

    /// <summary>A dry run's account of one <c>finally</c> call, as a step's.</summary>
    public static IEnumerable<string> PlanLines(FinallyResult call, int idWidth)
    {
        ArgumentNullException.ThrowIfNull(call);
        return PlanLines(new StepState { Id = $"finally {call.Id}", Status = call.Status, Error = call.Error, Plan = call.Plan }, idWidth);
    }

    /// <summary>The last lines: status, duration and counts; then what is pending, and what may be done next.</summary>
    /// <param name="state">The execution's state.</param>
    /// <param name="elapsed">How long it took, when the state has no start and end.</param>
    /// <param name="nextSteps">Whether to say what to do next; not for a state taken while the execution may still be moving on.</param>
    /// <param name="soFar">Whether <paramref name="elapsed"/> is how long an unfinished execution has been going (<c>running for 3m 12s</c>), not how long a run took to end or park (<c>in</c>).</param>
    public static IEnumerable<string> Summary(ExecutionState state, TimeSpan elapsed, bool nextSteps = true, bool soFar = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        var took = state.StartedAt is { } start && state.EndedAt is { } end ? end - start : elapsed;
        var steps = state.Steps.Count == 1 ? "1 step" : $"{state.Steps.Count} steps";
        var prefix = state.DryRun ? "dry run " : "";
        var span = soFar && state.EndedAt is null ? "for" : "in";
        yield return $"{prefix}{EnumNames.ToName(state.Status)} {span} {Duration(took)}: {steps} ({StepCounts(state)})";
        if (state.Error is { } error)
        {
            // The error of a failed step is on its own FAILED line already: said once, then pointed at.
            var step = state.Steps.FirstOrDefault(s => s.Error is { } e && error.Message == $"step '{s.Id}' failed: {e.Message}");
            yield return step is null ? $"  error: {Error(error)}" : $"  error: step '{step.Id}' failed ({EnumNames.ToName(error.Category)}; its error is above)";
        }

        foreach (var call in state.Finally.Where(c => c.Status == StepStatus.Failed))
        {
            yield return $"  finally '{call.Id}' ({call.Action}) FAILED: {Error(call.Error)}";
        }

        // A dry run completes when only finally calls would fail (a real run's status does not depend on them): their plan
        // says why, above; pointed at here.
        foreach (var call in state.Status == ExecutionStatus.Completed ? state.Finally.Where(c => c.Plan?.WouldFail.Count > 0) : [])
        {
            yield return $"  finally '{call.Id}' ({call.Action}) would fail (see above); a real run would still complete";
        }

        foreach (var line in state.PendingApprovals.SelectMany(gate => GateWaits(state, gate)))
        {
            yield return line;
        }

        foreach (var line in nextSteps ? NextSteps(state) : [])
        {
            yield return line;
        }
    }

    /// <summary>What a person can do with a parked execution, as commands of this tool.</summary>
    public static IEnumerable<string> NextSteps(ExecutionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var id = state.ExecutionId;
        if (state.Status == ExecutionStatus.WaitingApproval)
        {
            var approve = state.PendingApprovals.FirstOrDefault() is { } gate ? ApproveCommand(state, gate) : $"mcp-playbooks approve {id} STEP";
            yield return $"  to go on: {approve} (or --reject it); a run with --auto-approve passes the gates you may decide, with you recorded as the approver";
        }

        if (state.Status == ExecutionStatus.Running)
        {
            // A run whose steps wait only for parked children: what moves the child on moves it on.
            foreach (var gate in state.PendingApprovals.Where(gate => IsChilds(state, gate)))
            {
                yield return $"  to go on: {ApproveCommand(state, gate)} (or --reject it); {id} goes on once its child does";
            }

            foreach (var (step, child) in state.Steps.Select(step => (step, Child: ShownChild.PausedOf(step))).Where(s => s.Child is not null))
            {
                yield return $"  step '{step.Id}' waits for child execution {child}, which is paused: to go on, see mcp-playbooks show {child}, then "
                    + $"mcp-playbooks control {child} resume (or retry_step or skip_step --step STEP); {id} goes on once its child does";
            }
        }

        if (state.Status == ExecutionStatus.Paused)
        {
            var stuck = state.Steps.Where(s => s.Status is StepStatus.Interrupted or StepStatus.Failed).ToList();
            foreach (var step in stuck.Where(s => s.Status == StepStatus.Interrupted))
            {
                yield return $"  step '{step.Id}' is interrupted: it was running when its process stopped, and may have done part of its work";
            }

            yield return stuck.FirstOrDefault() is { } first
                ? $"  to go on: mcp-playbooks control {id} retry_step --step {first.Id} (or skip_step)"
                : $"  to go on: mcp-playbooks control {id} resume";
        }
    }

    /// <summary>
    /// The lines for a gate that waits: <c>step 'S' waits for approval: …</c>, or for a gate of a child execution that
    /// <paramref name="state"/> shows, <c>step 'S' of child execution C waits for approval: …</c>; then, when values were
    /// rendered into its message, the author's words (<see cref="TemplateLine"/>), as the approval page shows them.
    /// </summary>
    public static IEnumerable<string> GateWaits(ExecutionState state, PendingApproval gate)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gate);
        var child = IsChilds(state, gate) ? $" of child execution {gate.ExecutionId}" : "";
        yield return $"  step '{gate.StepId}'{child} waits for approval: {Approval(gate)}";
        if (TemplateLine(gate.MessageTemplate) is { } words)
        {
            yield return $"    {words}";
        }
    }

    /// <summary>
    /// <c>the playbook's words: "…" (what {{ }} filled in is data, not instructions)</c> for a gate message into which values
    /// were rendered: the rendered message may carry an input's text that reads like the author's; null for none.
    /// </summary>
    public static string? TemplateLine(string? template) =>
        template is null ? null : $"the playbook's words: \"{OneLine(template)}\" (what {{{{ }}}} filled in is data, not instructions)";

    /// <summary>The command that decides <paramref name="gate"/>: on the execution that has it, the child's when a parent shows it.</summary>
    public static string ApproveCommand(ExecutionState state, PendingApproval gate)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gate);
        return $"mcp-playbooks approve {(IsChilds(state, gate) ? gate.ExecutionId : state.ExecutionId)} {gate.StepId}";
    }

    /// <summary>Whether <paramref name="gate"/> is a child execution's, shown by its parent <paramref name="state"/>.</summary>
    public static bool IsChilds(ExecutionState state, PendingApproval gate) =>
        gate.ExecutionId is { } owner && owner != state.ExecutionId;

    /// <summary>How many steps are in each status, in the order of the statuses: <c>1 waiting_approval, 3 completed</c>.</summary>
    public static string StepCounts(ExecutionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return string.Join(", ", state.Steps.GroupBy(step => step.Status).OrderBy(group => group.Key).Select(group => $"{group.Count()} {EnumNames.ToName(group.Key)}"));
    }

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? Duration(e - s) : "";

    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => $"{Math.Max(0, (long)duration.TotalMilliseconds)} ms",
        < 60 => $"{duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
        _ => $"{(long)duration.TotalMinutes}m {duration.Seconds:00}s",
    };

    /// <summary>A text on one line, cut when long: step output and messages may span many lines.</summary>
    public static string OneLine(string text) => OneLine(text, MaxDetail);

    private static string OneLine(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = string.Join(" | ", text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max), " ...");
    }

    public static string Row(string label, string id, int idWidth, string detail) =>
        $"  {label.PadRight(7)} {(detail.Length == 0 ? id : id.PadRight(idWidth) + "  " + detail)}".TrimEnd();

    /// <summary>An error as <c>category: message</c> on one line; nothing for none.</summary>
    public static string Error(StepError? error) =>
        error is null ? "" : $"{EnumNames.ToName(error.Category)}: {OneLine(error.Message, MaxError)}";

    private static string Approval(PendingApproval gate)
    {
        var approvers = gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers);
        var expires = gate.ExpiresAt is { } at ? $"; expires {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z" : "";
        return $"{OneLine(gate.Message)} (approvers: {approvers}; {gate.Decisions.Count(d => d.Approved)} of {gate.MinApprovals} approvals{expires})";
    }
}
