using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Server.Mcp.Tools.Executions;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>
/// <c>record_learning</c>: stores a note in the learning memory, by the caller's identity, optionally about a playbook
/// and an execution (whose playbook it then takes). The engine masks configured secret values in the text and tags before storing it.
/// </summary>
internal sealed partial class RecordLearningTool(PlaybookEngine engine, PlaybookCatalog catalog, ILogger<RecordLearningTool> logger)
    : PlaybookTool(Declaration, logger)
{
    public const int MaxText = NoteLimits.MaxTextLength;
    public const int MaxTags = NoteLimits.MaxTags;
    public const int MaxTag = NoteLimits.MaxTagLength;

    private const string Name = "record_learning";

    /// <summary>What to call after an unknown playbook_id: a note is about one playbook, or none.</summary>
    private const string UnknownPlaybookNext =
        "Call record_learning again with one of them as playbook_id, with the execution_id the note comes from (the note takes its playbook), or with neither for a note about no one playbook.";

    private static readonly ToolDefinition Declaration = new()
    {
        Name = Name,
        Title = "Record a learning",
        Description = "Store a note for later (a cause found, a fix that worked, a pitfall); get_insights with query finds it.",
        Parameters =
        [
            ToolParameter.String("text", "The note", required: true, maxLength: MaxText),
            ToolParameter.Strings("tags", "Up to 10, of a-z0-9._-", MaxTag),
            ToolParameter.String("playbook_id", "About this playbook"),
            ToolParameter.String("execution_id", "From this execution"),
        ],
        OutputSchema = Root(Obj(("note_id", Str), ("text", Str), ("tags", Strs), ("playbook_id?", Str), ("execution_id?", Str), ("author", Str), ("created_at", Str))),
        ReadOnly = false,
        Destructive = false,
        Idempotent = false,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        var tags = Tags(arguments.Strings("tags"));
        var playbookId = arguments.String("playbook_id");
        var executionId = arguments.String("execution_id");
        if (executionId is not null)
        {
            var execution = await engine.History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false)
                ?? throw await ExecutionLookup.UnknownAsync(engine, executionId, cancellationToken).ConfigureAwait(false);
            if (playbookId is not null && playbookId != execution.PlaybookId)
            {
                throw new ToolErrorException(
                    $"execution '{executionId}' ran playbook '{execution.PlaybookId}', not '{playbookId}'. Call record_learning again with playbook_id '{execution.PlaybookId}', or without playbook_id.");
            }

            playbookId = execution.PlaybookId;
        }
        else if (playbookId is not null)
        {
            await MemoryLookup.RequirePlaybookAsync(engine, catalog.Current, playbookId, Name, cancellationToken, UnknownPlaybookNext).ConfigureAwait(false);
        }

        LearningNote note;
        try
        {
            note = await engine.Memory.RecordNoteAsync(arguments.Required("text"), tags, playbookId, executionId, call.Identity, cancellationToken).ConfigureAwait(false);
        }
        catch (NoteRejectedException e)
        {
            throw new ToolErrorException($"{e.Message} Then call record_learning again.", e);
        }

        var structured = new JsonObject
        {
            ["note_id"] = note.Id,
            ["text"] = Results.OutputBounds.Echo(note.Text),
            ["tags"] = new JsonArray([.. note.Tags.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["playbook_id"] = note.PlaybookId,
            ["execution_id"] = note.ExecutionId,
            ["author"] = note.Author,
            ["created_at"] = MemoryFormat.Time(note.CreatedAt),
        };
        var about = note.PlaybookId is null ? "" : $" about {note.PlaybookId}";
        var tagged = note.Tags.Count == 0 ? "" : $" (tags: {string.Join(", ", note.Tags)})";
        return new ToolResult(structured, $"Stored note {note.Id}{about}{tagged}. get_insights with query finds it by its words.");
    }

    private static List<string> Tags(IReadOnlyList<string> given)
    {
        var tags = given.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxTags)
        {
            throw new ToolErrorException($"'tags' has {tags.Count} tags; at most {MaxTags} are kept. Keep the most telling ones and call record_learning again.");
        }

        var bad = tags.Where(t => t.Length > MaxTag || !Tag().IsMatch(t)).ToList();
        if (bad.Count > 0)
        {
            throw new ToolErrorException(
                $"bad tag{(bad.Count == 1 ? "" : "s")} {string.Join(", ", bad.Select(t => $"'{MemoryFormat.Bound(t, MaxTag)}'"))}: a tag is 1 to {MaxTag} "
                + "characters of a-z, 0-9, '-', '_' and '.', such as 'dns', 'root-cause' or 'k8s.pods'. Call record_learning again with such tags.");
        }

        return tags;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
