namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>Why a step or an attempt failed: its category (<c>network</c>, <c>timeout</c>...) and its message, masked and bounded.</summary>
internal sealed record StepErrorView(string Category, string Message);
