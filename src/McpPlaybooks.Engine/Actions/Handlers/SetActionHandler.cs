using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary><c>set</c>: its output is the map it was given, rendered.</summary>
public sealed class SetActionHandler : IActionHandler
{
    public ActionDescriptor Descriptor => SetAction.Descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var names = arguments.Kind == ValueKind.Object ? arguments.AsObject().Keys.ToList() : [];
        return names.Count == 0 ? "would set nothing" : $"would set {string.Join(", ", names)}";
    }

    public Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return Task.FromResult(invocation.Arguments);
    }
}
