namespace McpPlaybooks.Engine.Memory;

/// <summary>Turns a playbook's recommendations into warnings for <c>validate_playbook</c>, naming the step when there is one.</summary>
internal static class HistoryWarnings
{
    public static IReadOnlyList<HistoryWarning> From(IEnumerable<Recommendation> recommendations) =>
        [.. recommendations.Select(r => new HistoryWarning(r.Kind, r.StepId, "From this playbook's history: " + r.Text + "."))];
}
