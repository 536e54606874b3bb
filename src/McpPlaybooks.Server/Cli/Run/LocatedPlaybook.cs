using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The playbook file <c>run</c> chose: its path as shown to people, its full path, and what the validator made of it.</summary>
internal sealed record LocatedPlaybook(string DisplayPath, string FullPath, ValidationReport Report);
