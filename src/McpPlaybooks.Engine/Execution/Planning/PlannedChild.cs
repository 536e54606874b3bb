using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.Planning;

/// <summary>A child playbook a dry run's <c>playbook</c> step would start: found, its inputs rendered and bound. A dry run dry-runs it too.</summary>
internal sealed record PlannedChild(ResolvedPlaybook Playbook, IReadOnlyDictionary<string, Value> Inputs);
