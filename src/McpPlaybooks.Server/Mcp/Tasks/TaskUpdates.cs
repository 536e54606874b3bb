using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// <c>tasks/update</c> (2026-07-28 extension): the answers to a task's input requests, that is decisions on its pending
/// gates, recorded as decisions given in the chat (approver: the token's identity, else <c>elicitation:</c> and the client).
/// Keys that match no pending gate are ignored, as the extension says; a decline or cancel leaves the gate waiting.
/// </summary>
internal sealed class TaskUpdates(TaskBook book, PlaybookEngine engine)
{
    public async ValueTask<JsonNode?> UpdateAsync(RequestContext<JsonNode?> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = TaskRequests.Caller(request, ServerRoles.Approver, "answering a task's approval");
        var handle = await book.FindAsync(TaskRequests.TaskId(request, TaskExtension.Update), caller, cancellationToken).ConfigureAwait(false);
        var snapshot = await book.SnapshotAsync(handle, cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.Unknown(handle.Id);
        var responses = request.Params?["inputResponses"] as JsonObject ?? [];
        foreach (var gate in snapshot.State.PendingApprovals)
        {
            if (responses[ModernTaskView.GateKey(gate, snapshot.State.ExecutionId)] is not JsonObject answer
                || Text(answer["action"]) != "accept"
                || Text(answer["content"]?["decision"]) is not { } decision
                || decision is not ("approve" or "reject"))
            {
                continue;
            }

            try
            {
                await engine.DecideAsync(new ApprovalRequest
                {
                    ExecutionId = gate.ExecutionId ?? snapshot.State.ExecutionId,
                    StepId = gate.StepId,
                    Approve = decision == "approve",
                    By = caller.ChatApprover,
                    Comment = Text(answer["content"]?["comment"]),
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ExecutionRefusedException e)
            {
                throw new McpProtocolException($"the decision on '{gate.StepId}' was not recorded: {e.Message}", McpErrorCode.InvalidParams);
            }
        }

        return new JsonObject { ["resultType"] = "complete" };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
