using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace McpPlaybooks.Server.Cli;

/// <summary>Parses the command line and runs the chosen command, returning the process exit code.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = CliRootCommandBuilder.Build(context);
        var parseResult = root.Parse(args);

        // System.CommandLine answers a parse error with exit code 1 and prints help on stdout;
        // bad usage here is exit code 2, with the errors on stderr and stdout left empty.
        if (parseResult.Action is ParseErrorAction)
        {
            return WriteUsageErrors(parseResult, context);
        }

        // Ctrl+C or SIGTERM cancels the command's token; 'run' then cancels its execution, which runs
        // its 'finally' steps. System.CommandLine's default of 2 s before it exits anyway is too short for that.
        var configuration = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    private static int WriteUsageErrors(ParseResult parseResult, CliContext context)
    {
        foreach (var error in parseResult.Errors)
        {
            context.Error.WriteLine($"error: {error.Message}{CommandSuggestion.For(parseResult, error)}");
        }

        // The words of the command that was being parsed, such as "mcp-playbooks validate".
        var words = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult command; result = result.Parent)
        {
            words.Insert(0, command.Command.Name);
        }

        context.Error.WriteLine($"Run '{string.Join(' ', words)} --help' for usage.");
        return ExitCodes.Usage;
    }
}
