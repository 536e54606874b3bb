using System.CommandLine;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The <c>--data-dir DIR</c> option that every command using the history shares.</summary>
internal static class DataDirectoryOption
{
    public static Option<string> Create() => new("--data-dir")
    {
        Description = $"Where the history is kept. Default: ${DataDirectory.Variable}, else $XDG_DATA_HOME/mcp-playbooks, else ~/.local/share/mcp-playbooks.",
        HelpName = "DIR",
    };
}
