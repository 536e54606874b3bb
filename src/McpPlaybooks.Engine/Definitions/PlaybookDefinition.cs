// TEMPORARY STUB: replaced by the real validator on main
namespace McpPlaybooks.Engine.Definitions;

/// <summary>A loaded playbook. The stub holds only what the command line reads.</summary>
public sealed record PlaybookDefinition(string Id, string Version);
