using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>The live state of one step during an execution. Mutated under the run's lock.</summary>
internal sealed class StepRuntime(StepDefinition definition, int position)
{
    public StepDefinition Definition { get; } = definition;

    public string Id => Definition.Id;

    public int Position { get; } = position;

    public StepStatus Status { get; set; } = StepStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The output in clear, for later steps' expressions; masked whenever it leaves.</summary>
    public Value Output { get; set; } = Value.Null;

    /// <summary>Masked.</summary>
    public StepError? Error { get; set; }

    public StepPlan? Plan { get; set; }

    public PendingApproval? Gate { get; set; }

    /// <summary>The record of the attempt that succeeded, committed together with the step's completion.</summary>
    public History.Records.StepAttemptRecord? PendingAttempt { get; set; }

    /// <summary>True when the step was skipped because a step it needs failed (so its dependents are skipped too).</summary>
    public bool Blocked { get; set; }

    /// <summary>When it completed, in completion order across the run: rollback goes newest first.</summary>
    public long CompletionOrder { get; set; }

    /// <summary>The iterations that completed (item, index), for a loop's rollback; one entry with no item outside a loop.</summary>
    public List<(Value? Item, int? Index)> CompletedIterations { get; } = [];

    /// <summary>The step's attempt count when its current run began: new attempts are numbered after it.</summary>
    public int AttemptBase { get; set; }

    /// <summary>A loop's iterations running now, those not started yet, and how many may run at once (under the run's lock).</summary>
    public (int Running, int NotStarted, int Concurrency) Iterations { get; set; }

    /// <summary>A loop's iterations that completed before a restart or a retry, by index, with their outputs: never run again.</summary>
    public Dictionary<int, Value> DoneIterations { get; } = [];

    /// <summary>Set when the gate's timeout passed with no decision; <c>on_timeout</c> then applies.</summary>
    public bool GateExpired { get; set; }

    /// <summary>
    /// The attempts that failed in the run of the step its process died in, by iteration (<see cref="Hosting.RunsInFlight.Key"/>):
    /// taken off its retries when it runs again after the takeover, once.
    /// </summary>
    public Dictionary<int, Hosting.Failures> FailedBeforeTakeover { get; } = [];

    /// <summary>The time the run of the step its process died in had taken: taken off its <c>step_timeout</c> when it runs again after the takeover, once.</summary>
    public TimeSpan? SpentBeforeTakeover { get; set; }

    /// <summary>How long the step's in-flight attempt had run when its process died (an idempotent step resumed after a crash).</summary>
    public TimeSpan ResumedElapsed { get; set; }

    /// <summary>The step's <c>step_timeout</c> while it runs (null when it has none, or is not running): read by its attempts when cancelled.</summary>
    public StepDeadline? Deadline { get; set; }

    /// <summary>An interrupted step's process that was still running when this process took the execution over.</summary>
    public Actions.StartedProcess? SurvivingProcess { get; set; }

    /// <summary>Waiting at a gate that still needs decisions.</summary>
    public bool GateOpen => Status == StepStatus.WaitingApproval && Gate is { } gate && !GateExpired && ApprovalRules.Outcome(gate) == ApprovalOutcome.Pending;

    /// <summary>Waiting at a gate that has an outcome (decided, or expired) the run has not acted on yet.</summary>
    public bool GateDecided => Status == StepStatus.WaitingApproval && Gate is { } gate && (GateExpired || ApprovalRules.Outcome(gate) != ApprovalOutcome.Pending);

    /// <summary>A failure that stops the execution (not excused by <c>continue_on_error</c>).</summary>
    public bool FailedHard => Status == StepStatus.Failed && !Definition.ContinueOnError;
}
