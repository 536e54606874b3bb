using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A step's <c>step_timeout</c> while the step runs. When it passes, the attempt under way is cancelled like any other; this
/// tells that attempt it was stopped by the step's limit (a failure of category timeout, recorded with the limit that fired)
/// and not by its execution's end (a cancel, the execution's own <c>timeout</c>), which leaves it cancelled.
/// </summary>
internal sealed class StepDeadline(TimeSpan limit, string message, CancellationToken passed, CancellationToken run)
{
    /// <summary>Whether the step's limit is what cancelled its attempts: it passed, and its execution goes on.</summary>
    public bool Passed => passed.IsCancellationRequested && !run.IsCancellationRequested;

    /// <summary>The failure the step ends with once its limit passed, and that its attempt under way is recorded with.</summary>
    public ActionFailedException Failure() => new(message) { Category = ErrorCategory.Timeout, StoppedByTimeout = limit };
}
