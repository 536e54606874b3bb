using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>A playbook found by id: its definition, its text, and where it came from.</summary>
public sealed record ResolvedPlaybook(PlaybookDefinition Definition, string Content, string Source);
