namespace McpPlaybooks.Server.Cli.Validate;

/// <summary>One file in <c>validate --json</c>: its path as given, and what the validator found.</summary>
internal sealed record ValidateJsonFile(
    string Path,
    bool Valid,
    string? PlaybookId,
    string? PlaybookVersion,
    IReadOnlyList<ValidateJsonDiagnostic> Diagnostics);
