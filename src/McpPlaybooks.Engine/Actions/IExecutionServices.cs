using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Actions;

/// <summary>What the <c>event</c> and <c>playbook</c> actions need of the engine that runs them.</summary>
internal interface IExecutionServices
{
    /// <summary>
    /// Waits for (and consumes, as <paramref name="consumer"/>) a signal of the type, and of the correlation when one is
    /// given; one an earlier attempt of the step consumed and never ended with (its process died) is given again.
    /// </summary>
    Task<SignalRecord> WaitForSignalAsync(string executionId, StepAttempt consumer, string type, string? correlation, CancellationToken cancellationToken);

    /// <summary>Runs a child execution to its end and gives its outputs; attaches to the one already started for this step after a restart.</summary>
    Task<Value> RunChildAsync(ActionInvocation invocation, string playbookId, string? version, Value inputs, CancellationToken cancellationToken);
}
