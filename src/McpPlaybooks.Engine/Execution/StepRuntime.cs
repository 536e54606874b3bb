using McpPlaybooks.Engine.Definitions;
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

    /// <summary>A failure that stops the execution (not excused by <c>continue_on_error</c>).</summary>
    public bool FailedHard => Status == StepStatus.Failed && !Definition.ContinueOnError;
}
