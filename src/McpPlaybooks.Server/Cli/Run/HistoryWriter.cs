using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>Prints recent executions: one line each for people, or one JSON array.</summary>
internal static class HistoryWriter
{
    public static void WriteHuman(IReadOnlyList<ExecutionRecord> executions, string dataDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var execution in executions)
        {
            var when = execution.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";
            var took = execution.StartedAt is { } start && execution.EndedAt is { } end ? HumanRunFormat.Duration(end - start) : "-";
            var error = execution.ErrorCategory is { } category ? $"  {EnumNames.ToName(category)}: {HumanRunFormat.OneLine(execution.ErrorMessage ?? "")}" : "";
            var dry = execution.DryRun ? " (dry run)" : "";
            output.WriteLine($"{when}  {execution.Id}  {EnumNames.ToName(execution.Status),-16}  {execution.PlaybookId} {execution.PlaybookVersion}{dry}  {took}  {execution.StartedBy}{error}");
        }

        output.WriteLine($"{(executions.Count == 1 ? "1 execution" : $"{executions.Count} executions")} in {dataDirectory}");
    }

    public static void WriteJson(IReadOnlyList<ExecutionRecord> executions, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(output);
        var rows = executions.Select(e => new HistoryJsonExecution(
            e.Id,
            e.PlaybookId,
            e.PlaybookVersion,
            EnumNames.ToName(e.Status),
            e.DryRun,
            e.StartedBy,
            e.CreatedAt,
            e.StartedAt,
            e.EndedAt,
            e.ErrorCategory is { } category ? EnumNames.ToName(category) : null,
            e.ErrorMessage)).ToList();
        output.WriteLine(JsonSerializer.Serialize(rows, CliJsonContext.Printing.ListHistoryJsonExecution));
    }
}
