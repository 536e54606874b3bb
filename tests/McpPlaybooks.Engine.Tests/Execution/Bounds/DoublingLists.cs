namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>
/// Playbooks whose variables each hold the one before twice: small in memory (every item is the same value), but
/// <c>vN</c> is about 70 × 2^N characters as JSON, so v14 is the first past the 1,048,576 characters of a string.
/// </summary>
internal static class DoublingLists
{
    public static string Playbook(int count, string steps)
    {
        var variables = Enumerable.Range(1, count).Select(i => $$$"""  v{{{i}}}: ["{{ vars.v{{{i - 1}}} }}", "{{ vars.v{{{i - 1}}} }}"]""");
        return $"""
            id: doubling
            name: Doubling lists
            version: 1.0.0
            variables:
              v0: ["{new string('x', 64)}"]
            {string.Join("\n", variables)}
            steps:
            {steps}
            """;
    }
}
