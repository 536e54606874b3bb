using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>Reads a stored plan back (the JSON <see cref="StepPlanJson"/> writes), for dry runs read from history.</summary>
internal static class StepPlanReader
{
    public static StepPlan Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new StepPlan
        {
            WouldRun = root.GetProperty("would_run").GetBoolean(),
            Reason = Text(root, "reason"),
            Action = Text(root, "action") ?? "",
            Description = Strings(root, "description"),
            Arguments = root.TryGetProperty("arguments", out var arguments) ? Value.FromJson(arguments) : Value.Null,
            Iterations = root.TryGetProperty("iterations", out var iterations) && iterations.ValueKind == JsonValueKind.Number ? iterations.GetInt32() : null,
            Gate = root.TryGetProperty("gate", out var gate) && gate.ValueKind == JsonValueKind.Object ? Gate(gate) : null,
            Rollback = Strings(root, "rollback"),
            Verify = Strings(root, "verify"),
            WouldFail = Strings(root, "would_fail"),
            Notes = Strings(root, "notes"),
        };
    }

    private static PendingApproval Gate(JsonElement gate) => new()
    {
        StepId = Text(gate, "step_id") ?? "",
        Message = Text(gate, "message") ?? "",
        MessageTemplate = Text(gate, "message_template"),
        Approvers = Strings(gate, "approvers"),
        MinApprovals = gate.TryGetProperty("min_approvals", out var min) && min.ValueKind == JsonValueKind.Number ? min.GetInt32() : 1,
        ExpiresAt = Text(gate, "expires_at") is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null,
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
            : [];
}
