namespace McpPlaybooks.Server.Dashboard;

/// <summary>What <c>/ui/api/playbooks</c> answers: every playbook (by id), and every file left out as invalid.</summary>
internal sealed record PlaybookCatalogView(IReadOnlyList<PlaybookRow> Playbooks, IReadOnlyList<InvalidFileView> Invalid);
