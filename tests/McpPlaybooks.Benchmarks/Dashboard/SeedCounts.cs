using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Benchmarks.Dashboard;

/// <summary>How many executions of each status a seed wrote.</summary>
internal sealed class SeedCounts
{
    private readonly Dictionary<ExecutionStatus, int> _counts = [];

    public void Add(ExecutionStatus status) => _counts[status] = _counts.GetValueOrDefault(status) + 1;

    public int this[ExecutionStatus status] => _counts.GetValueOrDefault(status);

    public override string ToString() =>
        string.Join(", ", _counts.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Value} {McpPlaybooks.Engine.Definitions.EnumNames.ToName(pair.Key)}"));
}
