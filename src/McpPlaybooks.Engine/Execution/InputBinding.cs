using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>The inputs of a run, defaults applied, or what is wrong with them (one sentence each).</summary>
public sealed record InputBinding(IReadOnlyDictionary<string, Value> Values, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>
    /// When a pattern of the playbook took too long on a value (<see cref="Definitions.PatternTimeoutException"/>): its
    /// message, which is then the one problem. The playbook is at fault, not the inputs.
    /// </summary>
    public string? PatternFault { get; init; }
}
