using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The roots of an execution's expressions: fixed ones (<c>inputs</c>, <c>vars</c>, <c>playbook</c>,
/// <c>incident</c>, <c>secrets</c>) and live ones (<c>steps</c>, <c>execution</c>), rebuilt only when a step
/// or the status changed since they were last read.
/// </summary>
internal sealed class ExecutionScope(Func<Value> buildSteps, Func<Value> buildExecution) : IExpressionScope
{
    private readonly Dictionary<string, Value> _fixed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private Value? _steps;
    private Value? _execution;

    public void Set(string root, Value value) => _fixed[root] = value;

    /// <summary>
    /// Marks <c>steps</c> and <c>execution</c> stale; call it after a change, outside the run's lock (rebuilding
    /// a root takes this scope's lock, then the run's).
    /// </summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _steps = null;
            _execution = null;
        }
    }

    public bool TryGetRoot(string name, out Value value)
    {
        switch (name)
        {
            case "steps":
                lock (_lock)
                {
                    value = _steps ??= buildSteps();
                }

                return true;
            case "execution":
                lock (_lock)
                {
                    value = _execution ??= buildExecution();
                }

                return true;
            default:
                return _fixed.TryGetValue(name, out value!);
        }
    }

    /// <summary>The <c>steps.&lt;id&gt;</c> entry of one step.</summary>
    public static Value StepEntry(StepRuntime step) => Value.Root(
    [
        KeyValuePair.Create("status", Value.From(EnumNames.ToName(step.Status))),
        KeyValuePair.Create("output", step.Output),
        KeyValuePair.Create("attempts", Value.From(step.Attempts)),
        KeyValuePair.Create("error", step.Error is { } error
            ? Value.From([KeyValuePair.Create("category", Value.From(EnumNames.ToName(error.Category))), KeyValuePair.Create("message", Value.From(error.Message))])
            : Value.Null),
    ]);
}
