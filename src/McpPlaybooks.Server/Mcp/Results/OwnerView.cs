using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Mcp.Results;

/// <summary>
/// The process that holds an execution's lease, as tools show it: <c>{host, pid, lease_expires_at}</c>
/// (<see cref="ExecutionStateSchema.Owner"/>). Only for an unfinished execution with a leased owner; null otherwise.
/// </summary>
internal static class OwnerView
{
    public static JsonObject? Of(ExecutionRecord? record)
    {
        if (record is not { OwnerId: { } ownerId, LeaseExpiresAt: { } until } || record.Status.IsFinal()
            || OwnerIdentity.Parse(ownerId) is not { } owner)
        {
            return null;
        }

        return new JsonObject
        {
            ["host"] = owner.Host,
            ["pid"] = owner.Pid,
            ["lease_expires_at"] = Tools.Executions.ListExecutionsTool.Time(until),
        };
    }
}
