using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions;

/// <summary>
/// An action's attempt failed. It carries the facts the categorizer decides by (an explicit
/// category, an HTTP status, an exit code, a Retry-After) and whatever output the attempt produced.
/// </summary>
public sealed class ActionFailedException : Exception
{
    public ActionFailedException()
    {
    }

    public ActionFailedException(string message)
        : base(message)
    {
    }

    public ActionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The category when the action knows it for sure (a breaker open, an assertion, a refused argument).</summary>
    public ErrorCategory? Category { get; init; }

    /// <summary>The HTTP status of a failed request.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The exit code of a failed process.</summary>
    public int? ExitCode { get; init; }

    /// <summary>How long the target asked to wait (an HTTP <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The breaker key of the target, when there is one.</summary>
    public string? Target { get; init; }

    /// <summary>
    /// The limit that stopped the attempt, when the engine's own limit is what stopped it (the attempt's timeout, or its
    /// step's <c>step_timeout</c>): set by the engine, which recorded the limit, never by an action (an action's own wait, a
    /// process that timed out, are failures of category timeout without it).
    /// </summary>
    public TimeSpan? StoppedByTimeout { get; init; }

    /// <summary>Set by the engine when an open circuit breaker refused the call: the action never ran (category dependency).</summary>
    public bool RefusedByBreaker { get; init; }

    /// <summary>The attempt's output despite the failure (a process's stdout and stderr, a response's body).</summary>
    public Value Output { get; init; } = Value.Null;
}
