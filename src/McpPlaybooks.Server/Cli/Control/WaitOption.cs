using System.CommandLine;
using System.Globalization;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>The <c>--wait SECONDS</c> option of <c>approve</c> and <c>control</c>.</summary>
internal static class WaitOption
{
    public const int MaxSeconds = 7 * 24 * 3600;

    public static Option<int> Create()
    {
        var option = new Option<int>("--wait")
        {
            Description = "Wait up to SECONDS for the execution to end or park again, showing its steps, and exit by how it stands then "
                + "(0 completed, 1 failed/cancelled/rolled back, 3 parked or still running). Default 0: print the state as the request "
                + "left it and exit 0. Either way, when this process took the execution over to apply the request, it drives it until "
                + "it ends or parks before exiting.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 0,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var seconds) && seconds is < 0 or > MaxSeconds)
            {
                result.AddError($"--wait must be between 0 and {MaxSeconds} seconds.");
            }
        });
        return option;
    }
}
