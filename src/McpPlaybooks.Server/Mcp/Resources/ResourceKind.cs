namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>The kinds of resource the server serves.</summary>
internal enum ResourceKind
{
    /// <summary><c>playbook://{id}</c> or <c>playbook://{id}@{version}</c>: the YAML.</summary>
    Playbook,

    /// <summary><c>execution://{id}</c>: the state as JSON.</summary>
    Execution,

    /// <summary><c>execution://{id}/logs</c>: the latest log lines.</summary>
    ExecutionLogs,

    /// <summary><c>schema://playbook</c>: the JSON Schema of the playbook format.</summary>
    Schema,
}
