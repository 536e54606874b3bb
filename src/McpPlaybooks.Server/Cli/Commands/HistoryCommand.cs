using System.CommandLine;
using System.Globalization;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary><c>history [--data-dir DIR] [--database PATH|CONNECTION] [--limit N] [--json]</c>: the recent executions in a history, newest first.</summary>
internal sealed class HistoryCommand : Command
{
    private readonly CliContext _context;

    private readonly HistoryOptions _history = new();

    private readonly Option<int> _limit = new("--limit")
    {
        Description = "How many executions to list, newest first.",
        HelpName = "N",
        DefaultValueFactory = _ => 20,
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print one JSON array on stdout instead of one line per execution.",
    };

    public HistoryCommand(CliContext context)
        : base("history", "List recent executions, newest first.")
    {
        _context = context;
        _limit.Validators.Add(result =>
        {
            // A token that is not a number is already an error of its own.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var limit) && limit is < 1 or > 1000)
            {
                result.AddError("--limit must be between 1 and 1000.");
            }
        });
        _history.AddTo(this);
        Add(_limit);
        Add(_json);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (_history.Resolve(parseResult, _context) is not { } target)
        {
            return ExitCodes.Usage;
        }

        // No SQLite file yet means no executions (opening it would create one); a PostgreSQL schema without our tables
        // is more likely the wrong --database, and said so.
        switch (await StoredHistory.ExistsAsync(target, _context, cancellationToken))
        {
            case null:
                return ExitCodes.Failure;
            case false when target.Location.Kind == StoreKind.Postgres:
                _context.Error.WriteLine($"error: {target.Missing()}");
                return ExitCodes.Usage;
            case false:
                return Write([], parseResult, target.Name);
        }

        return await StoredHistory.ReadExistingAsync(target, _context, async store =>
        {
            var page = await store.ListExecutionsAsync(new ExecutionQuery { Limit = parseResult.GetValue(_limit) }, cancellationToken);
            return Write(page.Executions, parseResult, target.Name);
        }, cancellationToken);
    }

    private int Write(IReadOnlyList<ExecutionRecord> executions, ParseResult parseResult, string where)
    {
        if (parseResult.GetValue(_json))
        {
            HistoryWriter.WriteJson(executions, _context.Out);
        }
        else
        {
            HistoryWriter.WriteHuman(executions, where, _context.Out);
        }

        return ExitCodes.Success;
    }
}
