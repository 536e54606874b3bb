using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions;

/// <summary>
/// What an action does at run time. Its parameters, output keys and idempotency live in its
/// <see cref="ActionDescriptor"/>; the handler adds the behaviour, the dry-run description and
/// the target its circuit breaker is keyed on.
/// </summary>
public interface IActionHandler
{
    ActionDescriptor Descriptor { get; }

    /// <summary>The breaker key of these arguments, such as <c>http://api.example:443</c> or <c>exec:/usr/bin/systemctl</c>; null when the action has no external target.</summary>
    string? TargetOf(Value arguments);

    /// <summary>What the action would do with these arguments, for a dry run: one sentence, touching nothing.</summary>
    string Describe(Value arguments);

    /// <summary>
    /// <see cref="Describe(Value)"/> for an execution whose secrets are <paramref name="masker"/>'s: an action that cuts
    /// the sentence (a long command, a long message) cuts it there so that no part of a secret survives unmasked.
    /// </summary>
    string Describe(Value arguments, SecretMasker masker) => Describe(arguments);

    /// <summary>
    /// What an attempt with these arguments would be refused for before it acts (a program not found or not allowed, a
    /// templated argument starting with '-', a templated value that changes a URL's structure, a host the allowlist
    /// refuses), for a dry run's verdict; null when nothing. <paramref name="with"/> is the step's template (what was
    /// written, and what was templated), <paramref name="scope"/> the scope <paramref name="arguments"/> were rendered in.
    /// Touches nothing.
    /// </summary>
    ActionFailedException? Refusal(Value arguments, Definitions.Templates.ObjectTemplate with, IExpressionScope scope) => null;

    /// <summary>
    /// Runs the action once (one attempt). Returns its output (an object, or <see cref="Value.Null"/>).
    /// A failure throws <see cref="ActionFailedException"/>; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken);
}
