using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary><c>list_executions</c>: recent executions, newest first, filtered and paged by a cursor.</summary>
internal sealed class ListExecutionsTool(PlaybookEngine engine, ILogger<ListExecutionsTool> logger) : PlaybookTool(Declare(), logger)
{
    private static ToolDefinition Declare() => new()
    {
        Name = "list_executions",
        Title = "List executions",
        Description = "Recent executions, newest first; paged by next_cursor (absent on the last page).",
        Parameters =
        [
            ToolParameter.String("playbook_id", "Only this playbook."),
            ToolParameter.Enum("status", "Only this status.", [.. Enum.GetValues<ExecutionStatus>().Select(EnumNames.ToName)]),
            ToolParameter.Boolean("active_only", "Only those not ended."),
            ToolParameter.Integer("limit", "Default 20.", 1, 100),
            ToolParameter.String("cursor", "next_cursor of the last page."),
        ],
        OutputSchema = Root(Obj(
            ("executions", ArrayOf(Obj(
                ("execution_id", Str),
                ("playbook_id", Str),
                ("playbook_version", Str),
                ("status", Str),
                ("dry_run", Bool),
                ("started_at", Str),
                ("ended_at?", Str),
                ("started_by?", Str),
                ("parent_execution_id?", Str),
                ("owner?", ExecutionStateSchema.Owner)))),
            ("next_cursor?", Str))),
        ReadOnly = true,
        Idempotent = true,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        var query = new ExecutionQuery
        {
            PlaybookId = arguments.String("playbook_id"),
            Statuses = EnumNames.TryParse<ExecutionStatus>(arguments.String("status"), out var status) ? [status] : [],
            ActiveOnly = arguments.Boolean("active_only") ?? false,
            Limit = (int)(arguments.Integer("limit") ?? 20),
            Cursor = arguments.String("cursor"),
        };
        ExecutionPage page;
        try
        {
            page = await engine.History.ListExecutionsAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException) when (query.Cursor is not null)
        {
            throw new ToolErrorException($"the cursor '{query.Cursor}' is not one list_executions gave; pass the next_cursor of the previous page, or omit cursor for the first page.");
        }

        var executions = new JsonArray([.. page.Executions.Select(Row)]);
        var structured = new JsonObject { ["executions"] = executions, ["next_cursor"] = page.NextCursor };
        var more = page.NextCursor is null ? "" : " More: call list_executions again with cursor=next_cursor.";
        return new ToolResult(structured, string.Create(CultureInfo.InvariantCulture, $"{page.Executions.Count} executions.{more}"));
    }

    private static JsonObject Row(ExecutionRecord record)
    {
        var row = new JsonObject
        {
            ["execution_id"] = record.Id,
            ["playbook_id"] = record.PlaybookId,
            ["playbook_version"] = record.PlaybookVersion,
            ["status"] = EnumNames.ToName(record.Status),
            ["dry_run"] = record.DryRun,
            ["started_at"] = Time(record.StartedAt ?? record.CreatedAt),
            ["ended_at"] = Time(record.EndedAt),
            ["started_by"] = record.StartedBy,
        };
        if (record.ParentExecutionId is not null)
        {
            row["parent_execution_id"] = record.ParentExecutionId;
        }

        if (OwnerView.Of(record) is { } owner)
        {
            row["owner"] = owner;
        }

        return row;
    }

    /// <summary>A time as the execution state writes it: UTC, milliseconds.</summary>
    internal static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
