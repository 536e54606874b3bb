using System.CommandLine;

namespace McpPlaybooks.Server.Cli;

internal static class CliArgumentExtensions
{
    /// <summary>
    /// Makes a value that looks like an option (<c>--jsn</c>) a usage error. System.CommandLine
    /// otherwise hands an unknown option to an argument that takes any string, such as a path.
    /// </summary>
    public static Argument<T> RejectOptionLikeValues<T>(this Argument<T> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{token.Value}'; for a file of that name, write ./{token.Value}.");
                }
            }
        });
        return argument;
    }
}
