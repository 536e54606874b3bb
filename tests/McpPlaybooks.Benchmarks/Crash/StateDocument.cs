using System.Text.Json;

namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>The parts of an execution's §5 state JSON the crash tests look at.</summary>
internal sealed record StateDocument(string ExecutionId, string Status, IReadOnlyDictionary<string, string> Steps, IReadOnlyList<string> GateApprovers)
{
    public static StateDocument Parse(JsonElement state)
    {
        var steps = state.GetProperty("steps").EnumerateArray()
            .ToDictionary(step => step.GetProperty("id").GetString()!, step => step.GetProperty("status").GetString()!, StringComparer.Ordinal);
        var approvers = new List<string>();
        foreach (var step in state.GetProperty("steps").EnumerateArray().Where(step => step.GetProperty("id").GetString() == CrashPlaybook.Gate))
        {
            if (step.GetProperty("output") is { ValueKind: JsonValueKind.Object } output && output.TryGetProperty("decisions", out var decisions))
            {
                approvers.AddRange(decisions.EnumerateArray().Select(d => d.GetProperty("approver").GetString()!));
            }
        }

        return new StateDocument(state.GetProperty("execution_id").GetString()!, state.GetProperty("status").GetString()!, steps, approvers);
    }

    public static StateDocument Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    /// <summary>The steps in <paramref name="status"/>.</summary>
    public IReadOnlyList<string> StepsIn(string status) => [.. Steps.Where(step => step.Value == status).Select(step => step.Key).Order(StringComparer.Ordinal)];

    public override string ToString() => $"{Status}: {string.Join(", ", Steps.Select(step => $"{step.Key}={step.Value}"))}";
}
