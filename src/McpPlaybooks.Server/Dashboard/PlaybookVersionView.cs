namespace McpPlaybooks.Server.Dashboard;

/// <summary>One version of a playbook in the catalogue and its lifecycle status (<c>draft</c>, <c>active</c>, <c>deprecated</c>, <c>archived</c>).</summary>
internal sealed record PlaybookVersionView(string Version, string Status);
