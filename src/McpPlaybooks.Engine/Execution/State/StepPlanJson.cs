namespace McpPlaybooks.Engine.Execution.State;

/// <summary>A dry run's plan of one step as JSON, as stored in history.</summary>
internal static class StepPlanJson
{
    public static string ToJson(StepPlan plan) => ExecutionStateJson.ToJson(writer => ExecutionStateJson.WritePlan(writer, plan));
}
