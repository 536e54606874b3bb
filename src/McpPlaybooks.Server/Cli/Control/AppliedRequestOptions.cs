using System.CommandLine;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>The options <c>approve</c> and <c>control</c> share: <c>--data-dir</c>, <c>--database</c>, <c>--json</c> and <c>--wait</c>.</summary>
internal sealed class AppliedRequestOptions
{
    private readonly HistoryOptions _history = new();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the execution's state as one JSON document on stdout, and nothing else.",
    };

    private readonly Option<int> _wait = WaitOption.Create();

    /// <summary>Adds the options to <paramref name="command"/>, in the order its help lists them.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _history.AddTo(command);
        command.Add(_json);
        command.Add(_wait);
    }

    /// <summary>The request's arguments, with the options as given; a history setting that cannot be used is said on stderr.</summary>
    public AppliedRequestArguments Read(ParseResult parseResult, CliContext context, string executionId, string done)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new AppliedRequestArguments(executionId, _history.Resolve(parseResult, context), parseResult.GetValue(_json), parseResult.GetValue(_wait), done);
    }
}
