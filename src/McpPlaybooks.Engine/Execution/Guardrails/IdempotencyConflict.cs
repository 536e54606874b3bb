using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Guardrails;

/// <summary>
/// An idempotency key names one start. The same key with the same request returns that execution; with another
/// playbook, version, content, inputs, incident or dry_run it is refused, saying what differs. Secret inputs are stored as
/// <c>***</c>, so their values are compared by the keyed digest each execution keeps (<see cref="ExecutionRecord.SecretInputsHmac"/>);
/// an execution recorded before digests were kept has none, and never matches a request that gives secrets.
/// </summary>
internal static class IdempotencyConflict
{
    /// <summary>The refusal message, or null when <paramref name="requested"/> is the request <paramref name="existing"/> was started with.</summary>
    public static string? Check(string key, ExecutionRecord existing, ExecutionRecord requested)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(requested);
        var differences = new List<string>();
        if (existing.PlaybookId != requested.PlaybookId || existing.PlaybookVersion != requested.PlaybookVersion)
        {
            differences.Add($"playbook ({existing.PlaybookId} {existing.PlaybookVersion}, not {requested.PlaybookId} {requested.PlaybookVersion})");
        }
        else if (existing.PlaybookSha256 != requested.PlaybookSha256)
        {
            differences.Add($"playbook content (version {existing.PlaybookVersion} was changed since)");
        }

        if (DifferingNames(existing.InputsJson, requested.InputsJson) is { Count: > 0 } inputs)
        {
            differences.Add($"inputs ({string.Join(", ", inputs)})");
        }

        if (!string.Equals(existing.SecretInputsHmac, requested.SecretInputsHmac, StringComparison.Ordinal))
        {
            differences.Add(existing.SecretInputsHmac is null && requested.SecretInputsHmac is not null
                ? "secret inputs (that execution was recorded before secret values were compared, so a request that gives secrets never matches it)"
                : "the values of secret inputs");
        }

        if (!JsonNode.DeepEquals(Parse(existing.IncidentJson), Parse(requested.IncidentJson)))
        {
            differences.Add("incident");
        }

        if (existing.DryRun != requested.DryRun)
        {
            differences.Add($"dry_run ({Bool(existing.DryRun)}, not {Bool(requested.DryRun)})");
        }

        return differences.Count == 0
            ? null
            : $"the idempotency key '{key}' already started execution {existing.Id} ({EnumNames.ToName(existing.Status)}) with another request; it differs in "
                + $"{string.Join(", ", differences)}. A key names one start: send the same request to get that execution back, or use a new key for this one.";
    }

    /// <summary>The names whose values differ between two stored input objects, in order.</summary>
    private static List<string> DifferingNames(string existing, string requested)
    {
        var before = Parse(existing) as JsonObject ?? [];
        var after = Parse(requested) as JsonObject ?? [];
        return [.. before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(before[name], after[name]))
            .Order(StringComparer.Ordinal)];
    }

    private static JsonNode? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonNode.Parse(json);

    private static string Bool(bool value) => value ? "true" : "false";
}
