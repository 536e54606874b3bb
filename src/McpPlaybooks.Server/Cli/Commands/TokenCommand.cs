using System.CommandLine;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary><c>token new --identity NAME --roles a,b [--json]</c>: access tokens for <c>serve --http</c>.</summary>
internal sealed class TokenCommand : Command
{
    public TokenCommand(CliContext context)
        : base("token", "Make access tokens for the HTTP transport (serve --http with a tokens file).")
    {
        Add(new TokenNewCommand(context));
    }
}
