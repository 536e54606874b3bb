namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// What <c>/ui/api/executions/{id}</c> answers: the execution's row, its steps in the playbook's order, whether the graph
/// has its edges (the playbook version is in the catalogue), the controls this caller may use in its state now, and its
/// waiting gates and step controls (<see cref="ExecutionActions"/>).
/// </summary>
internal sealed record ExecutionDetail(ExecutionSummary Execution, IReadOnlyList<StepView> Steps, bool HasGraph, IReadOnlyList<string> Controls, ExecutionActions Actions);
