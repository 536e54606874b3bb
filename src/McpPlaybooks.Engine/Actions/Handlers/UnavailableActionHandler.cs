using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary>
/// An action the format admits whose runtime needs the execution control that arrives with issue #4
/// (<c>event</c> waits for a signal; <c>playbook</c> runs a child execution). Validation and dry runs
/// accept it; a real run fails with a clear configuration error instead of pretending.
/// </summary>
public sealed class UnavailableActionHandler(ActionDescriptor descriptor, string reason) : IActionHandler
{
    public ActionDescriptor Descriptor { get; } = descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return $"would {Descriptor.Summary.TrimEnd('.').ToLowerInvariant()} with {arguments.ToJson()} (not runnable yet: {reason})";
    }

    public Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken) =>
        throw new ActionFailedException($"the '{Descriptor.Name}' action cannot run yet: {reason}")
        {
            Category = ErrorCategory.Configuration,
        };
}
