namespace McpPlaybooks.Server.Cli.Validate;

/// <summary>The one JSON document <c>validate --json</c> prints.</summary>
internal sealed record ValidateJsonResult(IReadOnlyList<ValidateJsonFile> Files, int Errors, int Warnings);
