using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// A task as the 2026-07-28 extension shows it: <c>ttlMs</c>, <c>pollIntervalMs</c> and, by status, the tool's result
/// (completed, whatever the execution's outcome: a failed execution is a tool result, not a JSON-RPC error) or the
/// requests for input (a gate: one elicitation per pending gate whose answer in the client's form would count for the
/// caller, keyed by <see cref="TaskInputKeys"/> and answered with tasks/update).
/// </summary>
internal static class ModernTaskView
{
    /// <summary>The answer to a task tool call: <c>resultType: task</c> and the task's fields.</summary>
    public static CreateModernTaskResult Created(TaskSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var json = Fields(snapshot);
        return new CreateModernTaskResult
        {
            TaskId = snapshot.Handle.Id,
            Status = json["status"]!.GetValue<string>(),
            StatusMessage = json["statusMessage"]?.GetValue<string>(),
            CreatedAt = json["createdAt"]!.GetValue<string>(),
            LastUpdatedAt = json["lastUpdatedAt"]!.GetValue<string>(),
            TtlMs = json["ttlMs"]?.GetValue<long>(),
            PollIntervalMs = json["pollIntervalMs"]!.GetValue<long>(),
        };
    }

    /// <summary>The answer to tasks/get for <paramref name="caller"/>.</summary>
    public static JsonObject Get(TaskSnapshot snapshot, TaskCaller caller)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(caller);
        var json = Fields(snapshot);
        json["resultType"] = "complete";
        var status = json["status"]!.GetValue<string>();
        if (status == TaskStatus.Completed)
        {
            json["result"] = TaskResults.ToJson(snapshot.Handle, snapshot.State, TaskExtension.FirstVersion);
        }
        else if (status == TaskStatus.InputRequired)
        {
            json["inputRequests"] = InputRequests(snapshot, caller);
        }

        return json;
    }

    /// <summary>A gate as an input request names it: the execution that holds the gate (a child's, for a child's gate) and the step.</summary>
    public static string Gate(PendingApproval gate, string executionId)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return $"{gate.ExecutionId ?? executionId}/{gate.StepId}";
    }

    private static JsonObject Fields(TaskSnapshot snapshot)
    {
        var legacy = snapshot.ToJson();
        var status = snapshot.State.Status.IsFinal() && snapshot.State.Status != ExecutionStatus.Cancelled
            ? TaskStatus.Completed
            : snapshot.Status.Status;
        return new JsonObject
        {
            ["taskId"] = legacy["taskId"]!.DeepClone(),
            ["status"] = status,
            ["statusMessage"] = legacy["statusMessage"]!.DeepClone(),
            ["createdAt"] = legacy["createdAt"]!.DeepClone(),
            ["lastUpdatedAt"] = legacy["lastUpdatedAt"]!.DeepClone(),
            ["ttlMs"] = legacy["ttl"]?.DeepClone(),
            ["pollIntervalMs"] = legacy["pollInterval"]!.DeepClone(),
        };
    }

    /// <summary>The gates the caller is asked about: only where its answer would count (a person is never asked in vain).</summary>
    private static JsonObject InputRequests(TaskSnapshot snapshot, TaskCaller caller)
    {
        var state = snapshot.State;
        var requests = new JsonObject();
        foreach (var gate in state.PendingApprovals.Where(caller.MayAnswer))
        {
            requests[TaskInputKeys.For(snapshot.Handle.Id, Gate(gate, state.ExecutionId))] = new JsonObject
            {
                ["method"] = "elicitation/create",
                ["params"] = new JsonObject
                {
                    ["mode"] = "form",
                    ["message"] = $"Approve step '{gate.StepId}' of execution {gate.ExecutionId ?? state.ExecutionId}? {gate.Message}",
                    ["requestedSchema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["decision"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("approve", "reject") },
                            ["comment"] = new JsonObject { ["type"] = "string", ["maxLength"] = 500 },
                        },
                        ["required"] = new JsonArray("decision"),
                    },
                },
            };
        }

        return requests;
    }
}
