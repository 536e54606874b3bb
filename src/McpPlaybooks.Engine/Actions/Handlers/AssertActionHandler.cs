using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Handlers;

/// <summary><c>assert</c>: fails the step with category <c>validation</c> unless its expression holds.</summary>
public sealed class AssertActionHandler : IActionHandler
{
    public ActionDescriptor Descriptor => AssertAction.Descriptor;

    public string? TargetOf(Value arguments) => null;

    public string Describe(Value arguments) =>
        $"would check that the condition holds (it is {(Holds(arguments) ? "true" : "false")} now)";

    public Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (Holds(invocation.Arguments))
        {
            return Task.FromResult(Value.Null);
        }

        var written = invocation.With["that"]?.Node is ScalarNode scalar ? scalar.Text : "the condition";
        var message = invocation.Arguments.ArgumentText("message");
        throw new ActionFailedException(message is null ? $"assertion failed: {written}" : $"assertion failed: {message} ({written})")
        {
            Category = ErrorCategory.Validation,
        };
    }

    private static bool Holds(Value arguments) =>
        arguments.TryGetProperty("that", out var that) && that.IsTruthy;
}
