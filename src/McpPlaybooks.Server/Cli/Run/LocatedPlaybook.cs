using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// The playbook file <c>run</c> chose: its path as shown to people, its full path, what the validator made of it, and the
/// text it validated (null when the file could not be read).
/// </summary>
internal sealed record LocatedPlaybook(string DisplayPath, string FullPath, ValidationReport Report, string? Content);
