using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>Lets the action runtimes, built before the host, reach it once it exists.</summary>
internal sealed class HostLink : IExecutionServices
{
    public ExecutionHost? Host { get; set; }

    public Task<SignalRecord> WaitForSignalAsync(string executionId, StepAttempt consumer, string type, string? correlation, CancellationToken cancellationToken) =>
        Linked.Signals.WaitAsync(executionId, consumer, type, correlation, cancellationToken);

    public Task<Value> RunChildAsync(ActionInvocation invocation, string playbookId, string? version, Value inputs, CancellationToken cancellationToken) =>
        Linked.Children.RunAsync(invocation, playbookId, version, inputs, cancellationToken);

    private ExecutionHost Linked => Host ?? throw new InvalidOperationException("the engine is not open yet");
}
