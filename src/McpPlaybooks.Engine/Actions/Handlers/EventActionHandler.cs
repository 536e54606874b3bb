using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary>
/// <c>event</c>: waits for a signal (<c>control_execution</c> action <c>signal</c>) of its type, and of its
/// correlation when it names one, for at most its timeout (default 1h). Signals are recorded, so one that
/// arrived before the step began still counts, and a wait resumed after a restart has the time it had left.
/// </summary>
internal sealed class EventActionHandler(IExecutionServices engine, TimeProvider time) : IActionHandler
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    public ActionDescriptor Descriptor => EventAction.Descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments)
    {
        var (type, correlation, timeout) = Read(arguments);
        return $"would wait up to {Durations.Format(timeout)} for a signal of type '{type}'{(correlation is null ? "" : $" with correlation '{correlation}'")}";
    }

    public async Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (type, correlation, timeout) = Read(invocation.Arguments);
        if (string.IsNullOrWhiteSpace(type))
        {
            throw new ActionFailedException("event: with.type is empty; name the event type to wait for") { Category = ErrorCategory.Validation };
        }

        using var deadline = invocation.Deadline(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        invocation.Log.Write(Execution.ExecutionLogLevel.Info, $"waiting for a signal of type '{type}'{(correlation is null ? "" : $" (correlation '{correlation}')")} for up to {Durations.Format(timeout)}");
        try
        {
            var signal = await engine.WaitForSignalAsync(invocation.ExecutionId, StepAttempt.Of(invocation), type, correlation, linked.Token).ConfigureAwait(false);
            var payload = Value.FromJsonText(signal.PayloadJson);
            return Value.From(
            [
                KeyValuePair.Create("payload", payload),
                KeyValuePair.Create("type", Value.From(signal.Type)),
                KeyValuePair.Create("correlation", signal.Correlation is null ? Value.Null : Value.From(signal.Correlation)),
                KeyValuePair.Create("sent_by", Value.From(signal.SentBy)),
            ]);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ActionFailedException($"event: no signal of type '{type}'{(correlation is null ? "" : $" with correlation '{correlation}'")} arrived within {Durations.Format(timeout)}")
            {
                Category = ErrorCategory.Timeout,
            };
        }
    }

    private static (string Type, string? Correlation, TimeSpan Timeout) Read(Value arguments)
    {
        var timeout = arguments.ArgumentText("timeout") is { } text && Durations.TryParse(text, out var parsed) ? parsed : DefaultTimeout;
        return (arguments.ArgumentText("type") ?? "", arguments.ArgumentText("correlation"), timeout);
    }
}
