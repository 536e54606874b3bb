using System.Diagnostics;
using System.Text;

namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>Starts the built server as a child process; optionally SIGKILLs it from outside after a delay. Shared by the crash benchmark and tests.</summary>
internal static class ChildProcessRun
{
    /// <summary>Runs it to its end; when <paramref name="killWhen"/> is given, SIGKILLs it as soon as that task completes.</summary>
    /// <paramref name="server"/> is the server's assembly (run by the dotnet host) or a native executable (run as it is).
    public static async Task<CliCallResult> RunAsync(string server, string directory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, Func<Task>? killWhen = null)
    {
        // The host that runs this process when it says (dotnet test does), else the one on the PATH.
        var isAssembly = server.EndsWith(".dll", StringComparison.Ordinal);
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        var start = new ProcessStartInfo(isAssembly ? host : server)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (isAssembly)
        {
            start.ArgumentList.Add(server);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (killWhen is not null)
        {
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, killWhen()) != exited)
            {
                // SIGKILL on Linux: the process gets no chance to clean up, as in a real crash.
                try
                {
                    process.Kill(entireProcessTree: false);
                }
                catch (InvalidOperationException)
                {
                    // it exited meanwhile
                }
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            // Timed out: leave no process behind.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return new CliCallResult(process.ExitCode, await output, await error);
    }
}
