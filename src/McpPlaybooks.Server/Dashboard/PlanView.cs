namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// A playbook version's plan before it runs: its steps with their <c>needs</c>; the inputs a run would lack if none were
/// given (as <c>plan_playbook</c> would say); and the dry run its details come from, when one of this exact version
/// is in the history (<paramref name="DryRunId"/>, null otherwise).
/// </summary>
internal sealed record PlanView(IReadOnlyList<PlanStepView> Steps, IReadOnlyList<string> Finally, IReadOnlyList<string> MissingInputs, string? DryRunId);
