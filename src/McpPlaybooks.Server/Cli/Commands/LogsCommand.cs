using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Cli.Run;
using McpPlaybooks.Server.Mcp.Tools.Executions;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>logs EXECUTION_ID [--step S] [--level L] [--limit N] [--data-dir DIR] [--database PATH|CONNECTION] [--json]</c>: an execution's log lines,
/// oldest first, as history has them (masked), for a person at a terminal.
/// </summary>
internal sealed class LogsCommand : Command
{
    private const int PageSize = 500;

    private readonly CliContext _context;

    private readonly Argument<string> _execution = ExecutionIdArgument.Create();

    private readonly Option<string> _step = new("--step")
    {
        Description = "Only the lines of this step.",
        HelpName = "STEP",
    };

    private readonly Option<ExecutionLogLevel> _level = new("--level")
    {
        Description = "Only lines at or above this level: debug, info, warning or error.",
        HelpName = "LEVEL",
        DefaultValueFactory = _ => ExecutionLogLevel.Debug,
        CustomParser = result => EnumNames.TryParse<ExecutionLogLevel>(result.Tokens[0].Value, out var level)
            ? level
            : Refuse(result, $"--level must be one of {string.Join(", ", Enum.GetValues<ExecutionLogLevel>().Select(EnumNames.ToName))}, got '{result.Tokens[0].Value}'"),
    };

    private readonly Option<int> _limit = new("--limit")
    {
        Description = "The most lines to print, the oldest first (default 1000).",
        HelpName = "N",
        DefaultValueFactory = _ => 1000,
    };

    private readonly HistoryOptions _history = new();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print one JSON array of log lines on stdout, and nothing else.",
    };

    public LogsCommand(CliContext context)
        : base("logs", "Print an execution's log, oldest first (secrets masked). Reads the history only: it changes nothing.")
    {
        _context = context;
        _limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                result.AddError("--limit must be between 1 and 100000.");
            }
        });
        Add(_execution);
        Add(_step);
        Add(_level);
        Add(_limit);
        _history.AddTo(this);
        Add(_json);
        SetAction(ExecuteAsync);
    }

    private Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (_history.Resolve(parseResult, _context) is not { } target)
        {
            return Task.FromResult(ExitCodes.Usage);
        }

        var id = parseResult.GetValue(_execution)!;
        return StoredHistory.ReadAsync(target, _context, async store =>
        {
            if (await store.GetExecutionAsync(id, cancellationToken) is null)
            {
                StoredHistory.WriteUnknown(id, target, _context);
                return ExitCodes.Usage;
            }

            var step = parseResult.GetValue(_step);
            var lines = await ReadAsync(store, id, step, parseResult.GetValue(_level), parseResult.GetValue(_limit), cancellationToken);
            if (lines.Count == 0 && step is not null && await LogSteps.UnknownAsync(store, id, step, cancellationToken) is { } unknown)
            {
                _context.Error.WriteLine($"error: {unknown} Run 'mcp-playbooks logs {id}' again with --step naming one of them, a finally call's id, or without --step.");
                return ExitCodes.Usage;
            }

            if (parseResult.GetValue(_json))
            {
                WriteJson(lines);
            }
            else
            {
                WriteHuman(lines);
            }

            return ExitCodes.Success;
        }, cancellationToken);
    }

    private static async Task<List<ExecutionLogRecord>> ReadAsync(HistoryStore store, string id, string? step, ExecutionLogLevel level, int limit, CancellationToken cancellationToken)
    {
        var lines = new List<ExecutionLogRecord>();
        long? after = null;
        while (lines.Count < limit)
        {
            var page = await store.GetLogsAsync(
                new LogQuery { ExecutionId = id, StepId = step, MinimumLevel = level, AfterId = after, Limit = Math.Min(PageSize, limit - lines.Count) },
                cancellationToken);
            lines.AddRange(page.Entries);
            if (page.Entries.Count == 0 || page.NextCursor is null)
            {
                break;
            }

            after = page.NextCursor;
        }

        return lines;
    }

    private void WriteHuman(List<ExecutionLogRecord> lines)
    {
        foreach (var line in lines)
        {
            var at = line.At.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var step = line.StepId is null ? "" : $"[{line.StepId}] ";
            _context.Out.WriteLine($"{at}  {EnumNames.ToName(line.Level),-7}  {step}{line.Message}");
        }

        _context.Error.WriteLine(lines.Count == 1 ? "1 line" : $"{lines.Count} lines");
    }

    private void WriteJson(List<ExecutionLogRecord> lines)
    {
        var rows = lines.Select(l => new LogsJsonLine(l.Id, l.At, EnumNames.ToName(l.Level), l.StepId, l.Message)).ToList();
        _context.Out.WriteLine(JsonSerializer.Serialize(rows, CliJsonContext.Printing.ListLogsJsonLine));
    }

    private static ExecutionLogLevel Refuse(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }
}
