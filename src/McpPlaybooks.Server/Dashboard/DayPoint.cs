namespace McpPlaybooks.Server.Dashboard;

/// <summary>One playbook's finished runs on one UTC day (midnight UTC in <see cref="Day"/>), for the charts.</summary>
internal sealed record DayPoint(DateTimeOffset Day, int Runs, int Completed, int Failed, double? SuccessRate, double? P50Ms, double? P95Ms);
