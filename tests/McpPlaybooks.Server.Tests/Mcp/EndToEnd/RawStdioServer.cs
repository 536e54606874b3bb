using System.Diagnostics;
using System.Text;
using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The built server started with <see cref="Process"/> and spoken to line by line, no SDK between: for checking exactly
/// what reaches stdout, and how the process exits when stdin closes.
/// </summary>
internal sealed class RawStdioServer : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StandardErrorLines _stderr = new();

    private RawStdioServer(Process process)
    {
        _process = process;
    }

    /// <summary>Every stdout line read so far, exactly as written.</summary>
    public IReadOnlyList<string> StdoutLines => _stdout;

    public IReadOnlyList<string> StderrLines => _stderr.Lines;

    /// <param name="args">The server's arguments.</param>
    /// <param name="workingDirectory">Its current directory.</param>
    /// <param name="environment">Variables set for it, beside the test process's own.</param>
    public static RawStdioServer Start(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(BuiltServer.FileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        BuiltServer.AddPrefix(start.ArgumentList);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var server = new RawStdioServer(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server._stderr.Add(e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task SendAsync(string json)
    {
        await _process.StandardInput.WriteAsync(json + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Reads stdout lines until the answer to request <paramref name="id"/> (unless read already); every line read is kept.</summary>
    public async Task ReadUntilAnswerAsync(int id, CancellationToken cancellationToken)
    {
        if (_stdout.Any(line => IsAnswerTo(line, id)))
        {
            return;
        }

        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            _stdout.Add(line);
            if (IsAnswerTo(line, id))
            {
                return;
            }
        }

        throw new InvalidOperationException($"stdout ended before the answer to request {id}; stderr:\n{string.Join('\n', StderrLines)}");
    }

    /// <summary>Closes stdin, reads the rest of stdout, and waits for the exit; the exit code.</summary>
    public async Task<int> CloseAsync(CancellationToken cancellationToken)
    {
        _process.StandardInput.Close();
        var rest = await _process.StandardOutput.ReadToEndAsync(cancellationToken);
        var lines = rest.Split('\n');
        _stdout.AddRange(lines[^1].Length == 0 ? lines[..^1] : lines);
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Sends the process <paramref name="signal"/> (as <c>kill -TERM</c>), with stdin still open; waits for the exit; the exit code.</summary>
    public async Task<int> SignalAsync(string signal, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -{signal} {_process.Id} exited with {kill.ExitCode}");
            }
        }

        var rest = await _process.StandardOutput.ReadToEndAsync(cancellationToken);
        _stdout.AddRange(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    private static bool IsAnswerTo(string line, int id)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("id", out var given) && given.ValueKind == JsonValueKind.Number && given.GetInt32() == id;
        }
        catch (JsonException)
        {
            return false;
        }
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
