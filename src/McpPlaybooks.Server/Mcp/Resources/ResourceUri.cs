using System.Diagnostics.CodeAnalysis;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>
/// A resource URI, parsed strictly (so that a URI's text is its canonical form): <c>playbook://{id}</c>,
/// <c>playbook://{id}@{version}</c>, <c>execution://{id}</c>, <c>execution://{id}/logs</c>, <c>schema://playbook</c>.
/// </summary>
internal sealed record ResourceUri(ResourceKind Kind, string Id, string? Version = null)
{
    public const string PlaybookTemplate = "playbook://{id}";
    public const string PlaybookVersionTemplate = "playbook://{id}@{version}";
    public const string ExecutionTemplate = "execution://{id}";
    public const string ExecutionLogsTemplate = "execution://{id}/logs";
    public const string SchemaUri = "schema://playbook";

    private const string PlaybookScheme = "playbook://";
    private const string ExecutionScheme = "execution://";
    private const string LogsSuffix = "/logs";

    /// <summary>What the server serves, for error messages.</summary>
    public const string Shapes = "playbook://{id} (playbook://{id}@{version} for one version), execution://{id}, execution://{id}/logs and schema://playbook";

    public static ResourceUri Schema { get; } = new(ResourceKind.Schema, "playbook");

    public static ResourceUri Playbook(string id, string? version = null) => new(ResourceKind.Playbook, id, version);

    public static ResourceUri Execution(string id) => new(ResourceKind.Execution, id);

    public static ResourceUri ExecutionLogs(string id) => new(ResourceKind.ExecutionLogs, id);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ResourceUri? uri)
    {
        uri = Parse(text);
        return uri is not null;
    }

    public override string ToString() => Kind switch
    {
        ResourceKind.Playbook => Version is null ? PlaybookScheme + Id : $"{PlaybookScheme}{Id}@{Version}",
        ResourceKind.Execution => ExecutionScheme + Id,
        ResourceKind.ExecutionLogs => ExecutionScheme + Id + LogsSuffix,
        _ => SchemaUri,
    };

    private static ResourceUri? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text == SchemaUri)
        {
            return Schema;
        }

        if (text.StartsWith(PlaybookScheme, StringComparison.Ordinal))
        {
            var rest = text[PlaybookScheme.Length..];
            var at = rest.IndexOf('@', StringComparison.Ordinal);
            var id = at < 0 ? rest : rest[..at];
            var version = at < 0 ? null : rest[(at + 1)..];
            return IsName(id) && (version is null || IsVersion(version)) ? Playbook(id, version) : null;
        }

        if (text.StartsWith(ExecutionScheme, StringComparison.Ordinal))
        {
            var rest = text[ExecutionScheme.Length..];
            var logs = rest.EndsWith(LogsSuffix, StringComparison.Ordinal);
            var id = logs ? rest[..^LogsSuffix.Length] : rest;
            return IsName(id) ? new ResourceUri(logs ? ResourceKind.ExecutionLogs : ResourceKind.Execution, id) : null;
        }

        return null;
    }

    private static bool IsName(string text) =>
        text.Length is > 0 and <= 200 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsVersion(string text) =>
        text.Length is > 0 and <= 100 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+');
}
