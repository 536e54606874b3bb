using System.Text.Json;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>What <c>tools/list</c> says of a tool: name, title, description for a model, parameters, output schema, hints.</summary>
internal sealed record ToolDefinition
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    /// <summary>One short paragraph for a model: what the tool does, when to call it, what comes back.</summary>
    public required string Description { get; init; }

    public IReadOnlyList<ToolParameter> Parameters { get; init; } = [];

    /// <summary>The JSON Schema of the structured result (an object); see <see cref="ToolSchemas"/>.</summary>
    public required JsonElement OutputSchema { get; init; }

    public bool ReadOnly { get; init; }

    public bool Destructive { get; init; }

    public bool Idempotent { get; init; }

    /// <summary>Whether the tool reaches beyond the server (a real execution runs commands and calls hosts).</summary>
    public bool OpenWorld { get; init; }

    /// <summary>
    /// The server role (<see cref="ServerRoles"/>) a caller with a token needs; null takes it from the hints:
    /// <see cref="ServerRoles.Viewer"/> for a read-only tool, else <see cref="ServerRoles.Operator"/>.
    /// </summary>
    public string? RequiredRole { get; init; }

    /// <summary>The role the tool checks: <see cref="RequiredRole"/>, or the one its hints give.</summary>
    public string Role => RequiredRole ?? (ReadOnly ? ServerRoles.Viewer : ServerRoles.Operator);
}
