using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// <c>tasks/update</c> (2026-07-28 extension): the answers to a task's input requests, that is decisions on its pending
/// gates, recorded as decisions given in the chat (approver: the token's identity, else the configured chat user, else
/// <c>chat:</c> and the client). Served only to a request that negotiated 2026-07-28 and declared the extension, and only
/// for input requests this server issued for the task (<see cref="TaskInputKeys"/>): a chat decision means someone was
/// asked. A key whose gate no longer waits (decided meanwhile) is passed over; a decline or cancel leaves the gate waiting.
/// </summary>
internal sealed class TaskUpdates(TaskBook book, PlaybookEngine engine)
{
    public async ValueTask<JsonNode?> UpdateAsync(RequestContext<JsonNode?> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TaskExtension.IsModern(request.JsonRpcRequest) || !TaskExtension.OptedIn(request.JsonRpcRequest))
        {
            throw TaskErrors.UpdateNotNegotiated();
        }

        var caller = TaskRequests.Caller(request, ServerRoles.Approver, "answering a task's approval");
        var handle = await book.FindAsync(TaskRequests.TaskId(request, TaskExtension.Update), caller, cancellationToken).ConfigureAwait(false);
        var answers = TaskAnswers.Read(request.Params, handle.Id, issuedHere: caller.Caller is null);
        var snapshot = await book.SnapshotAsync(handle, caller, cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.Unknown(handle.Id);
        foreach (var answer in answers.Where(a => a.Decision is not null))
        {
            var gate = snapshot.State.PendingApprovals.FirstOrDefault(g => ModernTaskView.Gate(g, snapshot.State.ExecutionId) == answer.Gate);
            if (gate is null)
            {
                continue;
            }

            try
            {
                await engine.DecideAsync(new ApprovalRequest
                {
                    ExecutionId = gate.ExecutionId ?? snapshot.State.ExecutionId,
                    StepId = gate.StepId,
                    Approve = answer.Decision == "approve",
                    By = caller.ChatApprover,
                    Comment = answer.Comment,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ExecutionRefusedException e)
            {
                throw new McpProtocolException($"the decision on '{gate.StepId}' was not recorded: {e.Message}", McpErrorCode.InvalidParams);
            }
        }

        return new JsonObject { ["resultType"] = "complete" };
    }
}
