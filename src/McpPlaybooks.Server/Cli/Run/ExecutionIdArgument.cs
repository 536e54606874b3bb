using System.CommandLine;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The <c>EXECUTION_ID</c> argument of the commands that look at one execution.</summary>
internal static class ExecutionIdArgument
{
    public static Argument<string> Create() => new Argument<string>("EXECUTION_ID")
    {
        Description = "The execution, as 'run' and 'history' print it (ex-...).",
    }.RejectOptionLikeValues();
}
