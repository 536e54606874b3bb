using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>The inputs of a run, defaults applied, or what is wrong with them (one sentence each).</summary>
public sealed record InputBinding(IReadOnlyDictionary<string, Value> Values, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
