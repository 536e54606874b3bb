using System.Diagnostics;
using System.Text;

namespace McpPlaybooks.Server.Tests.Cli.EndToEnd;

/// <summary>
/// Runs the built server executable as a real child process (<c>dotnet McpPlaybooks.Server.dll ARGS</c>, or the native
/// executable: see <see cref="BuiltServer"/>),
/// with stdin closed, and collects its exit code, stdout and stderr.
/// </summary>
internal static class CliProcess
{
    /// <summary>How long a run may take before it is killed and the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The server, copied next to the tests because the test project references it; its ReadyToRun copy when there is
    /// one of the same build (<see cref="ServerAssembly"/>).
    /// </summary>
    public static string ServerDll { get; } = ServerAssembly.Find(AppContext.BaseDirectory);

    public static Task<CliResult> RunAsync(IEnumerable<string> args, string workingDirectory, CancellationToken cancellationToken = default) =>
        RunAsync(args, workingDirectory, environment: null, cancellationToken);

    /// <summary>As <see cref="RunAsync(IEnumerable{string}, string, CancellationToken)"/>, with variables added to the child's environment.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(BuiltServer.FileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        BuiltServer.AddPrefix(startInfo.ArgumentList);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        process.StandardInput.Close();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return new CliResult(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{string.Join(' ', startInfo.ArgumentList)}' did not exit within {Timeout}.");
        }
        finally
        {
            // Timed out or cancelled: leave no process behind.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
