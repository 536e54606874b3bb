using System.Diagnostics;
using System.Text;

namespace McpPlaybooks.Server.Tests.Cli.EndToEnd;

/// <summary>The built server started as a child process that the test kills (SIGKILL, whole tree) once a signal of its own arrives.</summary>
internal sealed class RunningCliProcess : IDisposable
{
    private readonly Process _process;

    private RunningCliProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Starts <c>dotnet McpPlaybooks.Server.dll ARGS</c> with these variables added to its environment.</summary>
    public static RunningCliProcess Start(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(BuiltServer.FileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        BuiltServer.AddPrefix(start.ArgumentList);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningCliProcess(process);
    }

    /// <summary>
    /// Waits for <paramref name="signal"/> (at most <see cref="CliProcess.Timeout"/>), then kills the process and, unless
    /// <paramref name="onlyItself"/> (as a kill -9 of the engine alone), its children; its exit code.
    /// </summary>
    public async Task<int> KillWhenAsync(Task signal, bool onlyItself = false)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(signal, exited).WaitAsync(CliProcess.Timeout);
        Assert.True(first == signal, $"the process exited with {(_process.HasExited ? _process.ExitCode : -1)} before the signal");
        _process.Kill(entireProcessTree: !onlyItself);
        await exited;
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
