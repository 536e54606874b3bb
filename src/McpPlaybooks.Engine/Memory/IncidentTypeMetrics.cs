namespace McpPlaybooks.Engine.Memory;

/// <summary>The executions of a playbook started for incidents of one type (the incident's <c>type</c>).</summary>
public sealed record IncidentTypeMetrics(string IncidentType, int Runs, int Completed, double? SuccessRate);
