using System.CommandLine;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The options every command using the history shares: <c>--data-dir DIR</c> and <c>--database PATH|CONNECTION</c>.</summary>
internal sealed class HistoryOptions
{
    private readonly Option<string> _dataDirectory = DataDirectoryOption.Create();

    private readonly Option<string> _database = DatabaseOption.Create();

    /// <summary>Adds both options to <paramref name="command"/>, in the order its help lists them.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_dataDirectory);
        command.Add(_database);
    }

    /// <summary>The <c>--data-dir</c> given, or null.</summary>
    public string? DataDirectory(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(_dataDirectory);
    }

    /// <summary>The <c>--database</c> given, or null.</summary>
    public string? Database(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(_database);
    }

    /// <summary>Where the history is; null when a setting cannot be used, each problem written to stderr (the command exits 2).</summary>
    public HistoryTarget? Resolve(ParseResult parseResult, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var target = HistoryTarget.Resolve(DataDirectory(parseResult), Database(parseResult), context, problems);
        problems.ForEach(problem => context.Error.WriteLine($"error: {problem}"));
        return problems.Count == 0 ? target : null;
    }
}
