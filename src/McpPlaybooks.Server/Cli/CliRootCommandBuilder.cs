using System.CommandLine;
using McpPlaybooks.Server.Cli.Commands;

namespace McpPlaybooks.Server.Cli;

/// <summary>Assembles the root command from one class per command.</summary>
internal static class CliRootCommandBuilder
{
    public const string Description =
        "Runs operational playbooks (runbooks) safely for AI assistants over MCP, and checks them from the command line.";

    public static RootCommand Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RootCommand(Description)
        {
            new ValidateCommand(context),
            new RunCommand(context),
            new HistoryCommand(context),
            new ApproveCommand(context),
            new ControlCommand(context),
            new ResumeCommand(context),
            new ServeCommand(context),
            new TokenCommand(context),
        };
    }
}
