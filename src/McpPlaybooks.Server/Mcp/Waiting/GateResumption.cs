using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// The second half of a gate asked by a round trip (<see cref="GateRoundTrip"/>): the tool is called again with the
/// user's answer and the state, and instead of acting again (a second execution, a second decision) it records the
/// answer and goes on waiting on the same execution, returning its state as the first call would have.
/// </summary>
internal static class GateResumption
{
    /// <summary>Resumes the wait <paramref name="resume"/> describes, with the answer <paramref name="call"/> brings.</summary>
    public static async Task<ToolResult> ResumeAsync(ToolCall call, GateRoundTripState resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(resume);
        var services = call.Request.Services ?? throw new InvalidOperationException("the request has no services");
        var engine = services.GetRequiredService<PlaybookEngine>();
        var waiter = new ExecutionWaiter(engine, services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GateResumption)));
        using var watch = await ExecutionWatch.FollowAsync(engine, resume.ExecutionId, cancellationToken).ConfigureAwait(false)
            ?? throw new ToolErrorException($"the execution '{resume.ExecutionId}' this call waited on is gone; call list_executions to see the recent ones.");
        var outcome = await waiter.ResumeAsync(call, watch, resume, GateRoundTrip.Answer(call), cancellationToken).ConfigureAwait(false);
        return ExecutionStateView.Result(outcome.State, outcome.Note, ExecutionStateView.Summarize(outcome.State), call);
    }
}
