using System.Text.Json.Serialization;
using McpPlaybooks.Server.Dashboard.Steps;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>Source-generated JSON of the dashboard's API and feed (no reflection, for Native AOT); names in snake case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecutionSummary))]
[JsonSerializable(typeof(ExecutionList))]
[JsonSerializable(typeof(ExecutionDetail))]
[JsonSerializable(typeof(PlaybookCatalogView))]
[JsonSerializable(typeof(PlaybookDetail))]
[JsonSerializable(typeof(InsightsData))]
[JsonSerializable(typeof(ExecutionTimeline))]
[JsonSerializable(typeof(StepDetail))]
[JsonSerializable(typeof(ExecutionLogLines))]
internal sealed partial class DashboardJson : JsonSerializerContext;
