namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// What <c>/ui/api/executions/{id}</c> answers: the execution's row, its steps in the playbook's order, whether the graph
/// has its edges (the playbook version is in the catalogue), the controls this caller may use in its state now, its
/// waiting gates and step controls (<see cref="ExecutionActions"/>), and the child executions its <c>playbook</c> steps
/// started (the first <see cref="ExecutionDetailEndpoint.ChildrenShown"/>, in the order they started, and how many in all).
/// </summary>
internal sealed record ExecutionDetail(
    ExecutionSummary Execution,
    IReadOnlyList<StepView> Steps,
    bool HasGraph,
    IReadOnlyList<string> Controls,
    ExecutionActions Actions,
    IReadOnlyList<ExecutionSummary> Children,
    int ChildCount);
