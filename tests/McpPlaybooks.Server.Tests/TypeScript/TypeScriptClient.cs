using System.Diagnostics;
using System.Text;
using McpPlaybooks.Server.Tests.Docs;

namespace McpPlaybooks.Server.Tests.TypeScript;

/// <summary>
/// Runs JavaScript (ES modules) that use the official TypeScript MCP client, <c>@modelcontextprotocol/sdk</c> at the
/// version pinned in <c>tests/typescript-client/package-lock.json</c>, with the <c>node</c> on the PATH (or
/// <c>MCPPLAYBOOKS_TEST_NODE</c>). The client is installed there with npm on first use when missing (.ci/run installs it
/// first). A script is copied into <c>tests/typescript-client/run/</c> so that its imports resolve against that
/// installation; it gets its arguments in <c>process.argv.slice(2)</c>.
/// </summary>
internal static class TypeScriptClient
{
    /// <summary>How long a script may run unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    /// <summary>The folder of the client's package.json and node_modules.</summary>
    public static string Directory { get; } = RepositoryFiles.PathOf(Path.Combine("tests", "typescript-client"));

    /// <summary>The built server's assembly, to start it with <c>dotnet</c> from a script.</summary>
    public static string ServerDll => Cli.EndToEnd.CliProcess.ServerDll;

    /// <summary>The dotnet host that runs the tests: what a script should spawn the server with.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs a script file (absolute, or relative to the repository's root).</summary>
    public static async Task<NodeRun> RunFileAsync(
        string scriptPath,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var full = Path.IsPathRooted(scriptPath) ? scriptPath : RepositoryFiles.PathOf(scriptPath);
        var text = await File.ReadAllTextAsync(full, cancellationToken);
        return await RunAsync(text, arguments, environment, timeout, Path.GetFileNameWithoutExtension(full), cancellationToken);
    }

    /// <summary>Runs the given script text.</summary>
    public static async Task<NodeRun> RunAsync(
        string script,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string name = "script",
        CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken);
        var runDirectory = Path.Combine(Directory, "run");
        System.IO.Directory.CreateDirectory(runDirectory);
        var file = Path.Combine(runDirectory, $"{name}-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(file, script, cancellationToken);
        try
        {
            var startInfo = new ProcessStartInfo(Node()) { WorkingDirectory = Directory };
            startInfo.ArgumentList.Add(file);
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            if (environment is not null)
            {
                foreach (var (key, value) in environment)
                {
                    startInfo.Environment[key] = value;
                }
            }

            return await RunProcessAsync(startInfo, timeout ?? DefaultTimeout, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (_installed || File.Exists(Path.Combine(Directory, "node_modules", "@modelcontextprotocol", "sdk", "package.json")))
            {
                _installed = true;
                return;
            }

            var startInfo = new ProcessStartInfo("bash") { WorkingDirectory = Directory };
            startInfo.ArgumentList.Add(Path.Combine(Directory, "install.sh"));
            var install = await RunProcessAsync(startInfo, TimeSpan.FromMinutes(5), cancellationToken);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Installing the TypeScript MCP client failed (tests/typescript-client/install.sh needs node and npm): {install}");
            }

            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string Node() =>
        Environment.GetEnvironmentVariable("MCPPLAYBOOKS_TEST_NODE") is { Length: > 0 } node ? node : "node";

    private static async Task<NodeRun> RunProcessAsync(ProcessStartInfo startInfo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var error = new StringBuilder();
        var readOutput = CopyAsync(process.StandardOutput, output);
        var readError = CopyAsync(process.StandardError, error);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(readOutput, readError);
            throw new TimeoutException($"{Path.GetFileName(startInfo.ArgumentList.FirstOrDefault() ?? startInfo.FileName)} ran past {timeout}: {new NodeRun(-1, output.ToString(), error.ToString())}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await Task.WhenAll(readOutput, readError);
        return new NodeRun(process.ExitCode, output.ToString(), error.ToString());
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }
}
