using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary>
/// <c>playbook</c>: runs another playbook as a child execution, linked to its parent (at most 5 deep),
/// and waits for its end. Its output is the child's <c>execution_id</c>, <c>status</c> and <c>outputs</c>;
/// a child that fails fails the step with the child's error category.
/// </summary>
internal sealed class PlaybookActionHandler(IExecutionServices engine) : IActionHandler
{
    public ActionDescriptor Descriptor => PlaybookAction.Descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments)
    {
        var (id, version, inputs) = Read(arguments);
        return $"would run playbook '{id}'{(version is null ? "" : $" {version}")} as a child execution with inputs {inputs.ToJson()}";
    }

    public Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (id, version, inputs) = Read(invocation.Arguments);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ActionFailedException("playbook: with.id is empty; name the child playbook's id") { Category = ErrorCategory.Validation };
        }

        return engine.RunChildAsync(invocation, id, version, inputs, cancellationToken);
    }

    private static (string Id, string? Version, Value Inputs) Read(Value arguments)
    {
        var inputs = arguments.TryGetProperty("inputs", out var map) && map.Kind == ValueKind.Object ? map : Value.From(Array.Empty<KeyValuePair<string, Value>>());
        return (arguments.ArgumentText("id") ?? "", arguments.ArgumentText("version"), inputs);
    }
}
