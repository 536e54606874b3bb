using System.CommandLine;
using System.CommandLine.Help;
using McpPlaybooks.Server.Cli.Commands;

namespace McpPlaybooks.Server.Cli;

/// <summary>Assembles the root command from one class per command.</summary>
internal static class CliRootCommandBuilder
{
    public const string Description =
        "Runs operational playbooks (runbooks) safely for AI assistants over MCP, and checks them from the command line.";

    /// <summary>The program's name in help and messages, whatever launched it (the tool's shim, <c>dotnet run</c>).</summary>
    public const string ProgramName = "mcp-playbooks";

    /// <summary>
    /// The root is a plain command named <see cref="ProgramName"/>: a <see cref="RootCommand"/> takes its name from the
    /// executable, which is <c>McpPlaybooks.Server</c> under <c>dotnet run</c> and under the .NET tool's shim alike.
    /// </summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command(ProgramName, Description)
        {
            new HelpOption(),
            new VersionOption(),
            new ValidateCommand(context),
            new RunCommand(context),
            new HistoryCommand(context),
            new ShowCommand(context),
            new LogsCommand(context),
            new ApprovalsCommand(context),
            new ApproveCommand(context),
            new ControlCommand(context),
            new ResumeCommand(context),
            new ServeCommand(context),
            new TokenCommand(context),
        };
    }
}
