using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary>
/// <c>approval</c>: a gate on its own. The executor holds the gate (as for a step's <c>approval:</c>);
/// this handler gives the dry-run description and refuses to be called directly.
/// </summary>
public sealed class ApprovalActionHandler : IActionHandler
{
    public ActionDescriptor Descriptor => ApprovalAction.Descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var message = arguments.ArgumentText("message") ?? "approve?";
        var approvers = arguments.TryGetProperty("approvers", out var a) && a.Kind == ValueKind.List
            ? string.Join(", ", a.AsList().Select(v => v.ToDisplayString()))
            : "anyone";
        return $"would wait for approval ({approvers}): {message}";
    }

    public Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the approval action is a gate held by the executor, not an action to call");
}
