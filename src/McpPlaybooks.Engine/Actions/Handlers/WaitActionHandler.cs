using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary><c>wait</c>: sleeps for a duration, on the engine's clock.</summary>
public sealed class WaitActionHandler(TimeProvider time) : IActionHandler
{
    public ActionDescriptor Descriptor => WaitAction.Descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments) => $"would wait {Text(arguments)}";

    public async Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var text = Text(invocation.Arguments);
        if (!Durations.TryParse(text, out var duration))
        {
            throw new ActionFailedException($"wait: '{text}' is not a duration; write it as 500ms, 30s, 5m, 1h or 2d")
            {
                Category = ErrorCategory.Validation,
            };
        }

        var left = duration - invocation.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, time, cancellationToken).ConfigureAwait(false);
        }

        return Value.Null;
    }

    private static string Text(Value arguments) =>
        arguments.TryGetProperty("duration", out var duration) ? duration.ToDisplayString() : "";
}
