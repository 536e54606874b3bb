using McpPlaybooks.Server.Mcp.Resources;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Results;

/// <summary>The <c>resource_link</c> blocks of tool results: where the whole state, the logs and a playbook's YAML are read.</summary>
internal static class ResultLinks
{
    /// <summary><c>execution://{id}</c> (the state as JSON) and <c>execution://{id}/logs</c> (the latest log lines).</summary>
    public static IReadOnlyList<ResourceLinkBlock> Execution(string executionId) =>
    [
        new ResourceLinkBlock { Uri = ResourceUri.Execution(executionId).ToString(), Name = "execution " + executionId, MimeType = ResourceListing.JsonMimeType },
        new ResourceLinkBlock { Uri = ResourceUri.ExecutionLogs(executionId).ToString(), Name = "logs of " + executionId, MimeType = ResourceListing.JsonMimeType },
    ];

    /// <summary><c>playbook://{id}@{version}</c>: the playbook's YAML.</summary>
    public static ResourceLinkBlock Playbook(string playbookId, string version) =>
        new() { Uri = ResourceUri.Playbook(playbookId, version).ToString(), Name = $"{playbookId} {version} (YAML)", MimeType = ResourceListing.YamlMimeType };
}
