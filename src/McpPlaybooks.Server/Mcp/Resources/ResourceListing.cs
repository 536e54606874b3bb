using McpPlaybooks.Engine.Catalog;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>What <c>resources/list</c> and <c>resources/templates/list</c> answer: each catalogue playbook (its latest version) and the schema; the URI templates.</summary>
internal static class ResourceListing
{
    public const string YamlMimeType = "application/yaml";
    public const string JsonMimeType = "application/json";
    public const string SchemaMimeType = "application/schema+json";
    private const int MaxDescription = 300;

    public static IReadOnlyList<ResourceTemplate> Templates { get; } =
    [
        new()
        {
            UriTemplate = ResourceUri.PlaybookTemplate,
            Name = "playbook",
            Title = "Playbook (latest version)",
            Description = "A playbook's YAML, latest version. playbook://{id}@{version} reads one version.",
            MimeType = YamlMimeType,
        },
        new()
        {
            UriTemplate = ResourceUri.PlaybookVersionTemplate,
            Name = "playbook-version",
            Title = "Playbook (one version)",
            Description = "One version of a playbook's YAML.",
            MimeType = YamlMimeType,
        },
        new()
        {
            UriTemplate = ResourceUri.ExecutionTemplate,
            Name = "execution",
            Title = "Execution state",
            Description = "An execution's state as JSON (the shape of get_execution). Subscribe to hear each change.",
            MimeType = JsonMimeType,
        },
        new()
        {
            UriTemplate = ResourceUri.ExecutionLogsTemplate,
            Name = "execution-logs",
            Title = "Execution log (latest lines)",
            Description = $"The last {ExecutionLogTail.MaxLines} lines of an execution's log as JSON. Subscribe to hear new lines; get_execution_logs pages through all of them.",
            MimeType = JsonMimeType,
        },
    ];

    public static Resource Schema { get; } = new()
    {
        Uri = ResourceUri.SchemaUri,
        Name = "playbook-schema",
        Title = "Playbook JSON Schema",
        Description = "The JSON Schema of the playbook format: every field, action and option.",
        MimeType = SchemaMimeType,
    };

    public static ListResourcesResult List(CatalogSnapshot catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = new ListResourcesResult();
        foreach (var entry in catalog.Latest)
        {
            result.Resources.Add(new Resource
            {
                Uri = ResourceUri.Playbook(entry.Id).ToString(),
                Name = entry.Id,
                Title = entry.Definition.Name,
                Description = Describe(entry),
                MimeType = YamlMimeType,
            });
        }

        result.Resources.Add(Schema);
        return result;
    }

    private static string Describe(CatalogEntry entry)
    {
        var text = $"Version {entry.Version}. {entry.Definition.Description?.Trim()}".Trim();
        return text.Length <= MaxDescription ? text : text[..(MaxDescription - 1)] + "…";
    }
}
