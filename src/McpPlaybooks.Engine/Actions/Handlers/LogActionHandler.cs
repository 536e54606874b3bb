using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary><c>log</c>: writes a line to the execution's log.</summary>
public sealed class LogActionHandler : IActionHandler
{
    public ActionDescriptor Descriptor => LogAction.Descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return $"would log at {EnumNames.ToName(Level(arguments))}: {Message(arguments)}";
    }

    public Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        invocation.Log.Write(Level(invocation.Arguments), Message(invocation.Arguments));
        return Task.FromResult(Value.Null);
    }

    private static string Message(Value arguments) =>
        arguments.TryGetProperty("message", out var message) ? message.ToDisplayString() : "";

    private static ExecutionLogLevel Level(Value arguments) =>
        arguments.TryGetProperty("level", out var level) && level.Kind == ValueKind.String
            && EnumNames.TryParse<ExecutionLogLevel>(level.AsString(), out var parsed)
            ? parsed
            : ExecutionLogLevel.Info;
}
