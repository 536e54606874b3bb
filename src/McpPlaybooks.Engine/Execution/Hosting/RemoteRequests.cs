using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>Control requests and decisions as they travel to another process through history, and back.</summary>
internal static class RemoteRequests
{
    public static Value Payload(ControlRequest request) => Value.From(
    [
        KeyValuePair.Create("step_id", Text(request.StepId)),
        KeyValuePair.Create("signal_type", Text(request.SignalType)),
        KeyValuePair.Create("correlation", Text(request.Correlation)),
        KeyValuePair.Create("payload", request.Payload),
        KeyValuePair.Create("comment", Text(request.Comment)),
        KeyValuePair.Create("channel", Text(request.Channel)),
    ]);

    public static Value Payload(ApprovalRequest request) => Value.From(
    [
        KeyValuePair.Create("step_id", Value.From(request.StepId)),
        KeyValuePair.Create("channel", Value.From(EnumNames.ToName(request.By.Channel))),
        KeyValuePair.Create("name", Text(request.By.Name)),
        KeyValuePair.Create("claimed", Text(request.By.Claimed)),
        KeyValuePair.Create("roles", Value.From(request.By.Roles.Select(Value.From))),
        KeyValuePair.Create("comment", Text(request.Comment)),
        KeyValuePair.Create("gate_opened_at", Text(request.GateOpenedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture))),
    ]);

    /// <summary>The request again, from its record: a control request, or (approve/reject) a decision.</summary>
    public static object Parse(ControlRequestRecord record)
    {
        var payload = Value.FromJsonText(record.PayloadJson);
        string? Get(string name) => payload.Kind == ValueKind.Object && payload.TryGetProperty(name, out var v) && v.Kind != ValueKind.Null ? v.ToDisplayString() : null;
        if (record.Action is "approve" or "reject")
        {
            var roles = payload.Kind == ValueKind.Object && payload.TryGetProperty("roles", out var list) && list.Kind == ValueKind.List
                ? list.AsList().Select(r => r.ToDisplayString()).ToList()
                : [];
            // A request written by a process from before channels has none: it cannot show a person, so it is the assistant's.
            var channel = EnumNames.TryParse<ApprovalChannel>(Get("channel"), out var c) ? c : ApprovalChannel.Assistant;
            return new ApprovalRequest
            {
                ExecutionId = record.ExecutionId,
                StepId = Get("step_id") ?? "",
                Approve = record.Action == "approve",
                By = new ApproverIdentity { Channel = channel, Identity = record.RequestedBy, Name = Get("name"), Claimed = Get("claimed"), Roles = roles },
                Comment = Get("comment"),
                GateOpenedAt = DateTimeOffset.TryParse(Get("gate_opened_at"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var opened) ? opened : null,
            };
        }

        if (!EnumNames.TryParse<ControlAction>(record.Action, out var action))
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidRequest, $"unknown control action '{record.Action}'");
        }

        return new ControlRequest
        {
            ExecutionId = record.ExecutionId,
            Action = action,
            StepId = Get("step_id"),
            SignalType = Get("signal_type"),
            Correlation = Get("correlation"),
            Payload = payload.Kind == ValueKind.Object && payload.TryGetProperty("payload", out var p) ? p : Value.Null,
            RequestedBy = record.RequestedBy,
            Comment = Get("comment"),
            Channel = Get("channel"),
        };
    }

    /// <summary>A refusal as stored (<c>kind|message</c>), and back.</summary>
    public static string Store(ExecutionRefusedException refusal) => $"{refusal.Kind}|{refusal.Message}";

    public static ExecutionRefusedException Refusal(string stored)
    {
        var bar = stored.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && Enum.TryParse<RefusalKind>(stored[..bar], out var kind)
            ? new ExecutionRefusedException(kind, stored[(bar + 1)..])
            : new ExecutionRefusedException(RefusalKind.InvalidRequest, stored);
    }

    private static Value Text(string? text) => text is null ? Value.Null : Value.From(text);
}
