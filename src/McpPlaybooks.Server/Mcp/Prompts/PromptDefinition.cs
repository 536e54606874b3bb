using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>A prompt loaded from <c>prompts/NAME.md</c>: its front matter and its template.</summary>
internal sealed record PromptDefinition(string Name, string? Title, string Description, IReadOnlyList<PromptArgumentSpec> Arguments, PromptTemplate Template)
{
    /// <summary>The file's text as read: two loads of a prompt serve the same thing when their fingerprints are equal.</summary>
    public string Fingerprint { get; init; } = "";

    public Prompt ToProtocol() => new()
    {
        Name = Name,
        Title = Title,
        Description = Description,
        Arguments = [.. Arguments.Select(a => new PromptArgument { Name = a.Name, Description = a.Description, Required = a.Required })],
    };
}
