namespace McpPlaybooks.Engine.History.Starts;

/// <summary>
/// The run an identical-run check compares with: playbook content hash, inputs and incident as stored (masked), and the
/// keyed digest of the secret inputs (null when the start gives none), which tells apart what the masked inputs cannot.
/// </summary>
internal sealed record IdenticalRun(string Sha256, string InputsJson, string? IncidentJson, string? SecretInputsHmac);
