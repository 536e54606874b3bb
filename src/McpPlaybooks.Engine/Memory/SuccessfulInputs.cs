namespace McpPlaybooks.Engine.Memory;

/// <summary>The inputs (as JSON, masked as stored) of a playbook's latest completed execution.</summary>
public sealed record SuccessfulInputs(string PlaybookId, string PlaybookVersion, string ExecutionId, string InputsJson, DateTimeOffset EndedAt);
