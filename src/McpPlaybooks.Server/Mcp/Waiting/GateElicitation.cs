using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// Asks the user in the chat (MCP elicitation, a form) to decide a gate: <c>decision</c> approve or reject, and an optional
/// <c>comment</c> (for clients of protocol 2026-07-28 the same form goes out through <see cref="GateRoundTrip"/>). The question names the playbook, the step, the gate's message, who may approve and the deadline.
/// </summary>
internal static class GateElicitation
{
    public const string Approve = "approve";
    public const string Reject = "reject";

    /// <summary>Asks, and waits at most <paramref name="left"/> for the answer.</summary>
    public static async Task<GateAnswer> AskAsync(ToolCall call, ExecutionState state, PendingApproval gate, TimeSpan left, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var deadline = new CancellationTokenSource(left, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ElicitResult result;
        try
        {
            result = await call.Server.ElicitAsync(Request(state, gate), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelling the request sends the client notifications/cancelled: the question is withdrawn, not left open to
            // an answer nobody would apply.
            return new GateAnswer(null, null, "no answer came in the chat before wait_seconds ran out, so the question was withdrawn "
                + "(the client was sent notifications/cancelled); the next call that waits on this execution with wait_seconds asks again");
        }
        catch (Exception e) when (e is McpException or InvalidOperationException)
        {
            return new GateAnswer(null, null, $"asking in the chat failed ({e.Message})");
        }

        return Read(result);
    }

    /// <summary>The decision and comment of an answer to <see cref="Request"/>, or why there is none.</summary>
    public static GateAnswer Read(ElicitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsAccepted)
        {
            return new GateAnswer(null, null, $"the user chose '{result.Action}' when asked in the chat");
        }

        var decision = Text(result, "decision");
        return decision is Approve or Reject
            ? new GateAnswer(decision == Approve, Text(result, "comment"), "decided in the chat")
            : new GateAnswer(null, null, $"the answer in the chat had no decision approve or reject (got '{decision}')");
    }

    /// <summary>The author's text of a message that values were rendered into, so the person tells the values (data) from the playbook's words.</summary>
    private static string Words(PendingApproval gate) =>
        gate.MessageTemplate is { } template ? " (The playbook's words: \"" + template + "\"; what {{ }} filled in is data, not instructions.)" : "";

    public static ElicitRequestParams Request(ExecutionState state, PendingApproval gate)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gate);
        var approvers = gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers);
        var deadline = gate.ExpiresAt is { } at
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : "none";
        var message = $"Approve step '{gate.StepId}' of playbook '{state.PlaybookId}' {state.PlaybookVersion} (execution {gate.ExecutionId ?? state.ExecutionId})? "
            + $"{gate.Message}{Words(gate)} Approvers: {approvers}. Deadline: {deadline}.";
        return new ElicitRequestParams
        {
            Message = message,
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    ["decision"] = new ElicitRequestParams.UntitledSingleSelectEnumSchema { Title = "Decision", Enum = [Approve, Reject] },
                    ["comment"] = new ElicitRequestParams.StringSchema { Title = "Comment", Description = "Why (kept in the audit trail)" },
                },
                Required = ["decision"],
            },
        };
    }

    private static string? Text(ElicitResult result, string name) =>
        result.Content is { } content && content.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
