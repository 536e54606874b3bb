using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// A tool's answer: the structured result (matching the tool's output schema), a one- or two-sentence summary, and links
/// to the resources that hold more (an execution's state and logs, a playbook's YAML). The client gets the summary as the
/// first text block, then the links; the JSON goes in <c>structuredContent</c>, and also as a text block only to a client
/// whose protocol predates structured content (<see cref="StructuredContentSince"/>), so that every client gets it once.
/// </summary>
internal sealed record ToolResult
{
    /// <summary>The first protocol version with <c>structuredContent</c> and output schemas.</summary>
    public const string StructuredContentSince = "2025-06-18";

    /// <summary>How a structured result is written. Not HTML: quotes and apostrophes in messages stay readable ('x', not \u0027x\u0027) for the model.</summary>
    internal static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject? _structured;
    private readonly ReadOnlyMemory<byte> _written;

    /// <param name="structured">The result; its nulls are taken out as the tool's output schema says (<see cref="StructuredNulls"/>).</param>
    /// <param name="summary">The first text block.</param>
    public ToolResult(JsonObject structured, string summary)
    {
        ArgumentNullException.ThrowIfNull(structured);
        _structured = structured;
        Summary = summary;
    }

    private ToolResult(ReadOnlyMemory<byte> written, string summary)
    {
        _written = written;
        Summary = summary;
    }

    /// <summary>The one- or two-sentence summary: the first text block.</summary>
    public string Summary { get; }

    /// <summary>Resources the result points to, as <c>resource_link</c> blocks.</summary>
    public IReadOnlyList<ResourceLinkBlock> Links { get; init; } = [];

    /// <summary>
    /// A result already written as UTF-8 JSON in the shape of the tool's output schema (a field with no value left out), so
    /// that it is not built again as nodes: an execution's state (<see cref="Results.ExecutionStateView"/>).
    /// </summary>
    public static ToolResult Written(ReadOnlyMemory<byte> json, string summary) => new(json, summary);

    /// <param name="schema">The tool's output schema: it decides which nulls are left out (<see cref="StructuredNulls"/>).</param>
    /// <param name="protocolVersion">The version the client negotiated; null or older than 2025-06-18 gets the JSON as text too.</param>
    public CallToolResult ToCallToolResult(JsonElement schema, string? protocolVersion) =>
        ToCallToolResult(NullPlan.Of(schema), protocolVersion);

    /// <param name="nulls">The tool's output schema, read once (<see cref="NullPlan.Of"/>).</param>
    /// <param name="protocolVersion">The version the client negotiated; null or older than 2025-06-18 gets the JSON as text too.</param>
    public CallToolResult ToCallToolResult(NullPlan nulls, string? protocolVersion)
    {
        var json = _structured is { } structured ? Write(structured, nulls) : _written;
        var content = new List<ContentBlock>(2 + Links.Count) { new TextContentBlock { Text = Summary } };
        content.AddRange(Links);
        if (!ReadsStructuredContent(protocolVersion))
        {
            content.Add(new TextContentBlock { Text = Encoding.UTF8.GetString(json.Span) });
        }

        return new CallToolResult { Content = content, StructuredContent = JsonElement.Parse(json.Span) };
    }

    private static ReadOnlyMemory<byte> Write(JsonObject structured, NullPlan nulls)
    {
        StructuredNulls.Remove(structured, nulls);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            structured.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Whether a client of this protocol version reads <c>structuredContent</c> (versions are dates, compared as text).</summary>
    public static bool ReadsStructuredContent(string? protocolVersion) =>
        protocolVersion is not null && string.CompareOrdinal(protocolVersion, StructuredContentSince) >= 0;

    /// <summary>An <c>isError</c> result: what is wrong and what to do next.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
