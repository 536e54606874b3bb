using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions;

/// <summary>One attempt of an action: its rendered arguments and where it runs.</summary>
public sealed class ActionInvocation
{
    public required string ExecutionId { get; init; }

    /// <summary>The step's id, or the id of the rollback, verify or finally call.</summary>
    public required string StepId { get; init; }

    /// <summary>The index of the <c>foreach</c> iteration; null outside a loop.</summary>
    public int? Iteration { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The <c>with:</c> rendered against the scope: an object value, secrets in clear.</summary>
    public required Value Arguments { get; init; }

    /// <summary>The <c>with:</c> as written, for actions that re-evaluate an expression (<c>wait_for</c>'s <c>that</c>).</summary>
    public ObjectTemplate With { get; init; } = ObjectTemplate.Empty;

    /// <summary>The scope the arguments were rendered in.</summary>
    public IExpressionScope Scope { get; init; } = new ExpressionScope();

    /// <summary>The limit of this attempt, when one applies; the token is cancelled when it passes.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// How long this attempt had already run before its process died and another resumed it (zero otherwise):
    /// waits and timeouts go on with the time they had left.
    /// </summary>
    public TimeSpan Elapsed { get; init; }

    public required IActionLog Log { get; init; }

    /// <summary>The execution's secrets: an action that cuts text (bounded output, an excerpt) cuts with it, so no part of a secret survives a cut unmasked.</summary>
    public SecretMasker Masker { get; init; } = SecretMasker.None;

    /// <summary>
    /// Called, and awaited, by an action that starts a process, once it runs and before it gets its input: the engine
    /// keeps it with the attempt (recorded with the attempt's end).
    /// </summary>
    public Func<StartedProcess, Task> ProcessStarted { get; init; } = _ => Task.CompletedTask;

    /// <summary>
    /// The value that marks every process the attempt starts (<c>MCP_PLAYBOOKS_STEP</c>), derived from the attempt recorded
    /// before it started, so that a process taking over after a crash can find them; null: a fresh one per process.
    /// </summary>
    public string? ProcessMarker { get; init; }

    /// <summary>
    /// A source cancelled once <paramref name="limit"/> has passed since the attempt first started (counting <see cref="Elapsed"/>),
    /// at once when it already has. The caller disposes it.
    /// </summary>
    public CancellationTokenSource Deadline(TimeSpan limit, TimeProvider time)
    {
        var left = limit - Elapsed;
        return new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), time);
    }
}
