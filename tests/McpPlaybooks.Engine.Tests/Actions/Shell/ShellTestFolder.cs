using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

/// <summary>A temporary folder for the shell tests' scripts and files, with helpers to build and run invocations.</summary>
internal sealed class ShellTestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mcp-playbooks-shell-").FullName;

    public RecordingActionLog Log { get; } = new();

    /// <summary>Writes an executable <c>#!/bin/sh</c> script and returns its full path.</summary>
    public string Script(string name, string body, bool executable = true)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the shell tests need a POSIX system");
        }

        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public EngineOptions Options(int maxOutputBytes = 64 * 1024, bool allowScripts = false, IReadOnlyList<string>? allowlist = null) => new()
    {
        DataDirectory = Path,
        MaxOutputBytes = maxOutputBytes,
        AllowShellScripts = allowScripts,
        ExecutableAllowlist = allowlist ?? [],
    };

    public ActionInvocation Invocation(Value arguments, ObjectTemplate? with = null) => new()
    {
        ExecutionId = "exec-1",
        StepId = "step",
        Arguments = arguments,
        With = with ?? ObjectTemplate.Empty,
        Log = Log,
    };

    /// <summary>Runs the shell action; without a token, a generous 30 s bound makes a hang fail the test instead of stalling the run.</summary>
    public async Task<Value> RunAsync(Value arguments, EngineOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var bound = cancellationToken.CanBeCanceled ? null : new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await new ShellActionHandler(options ?? Options()).RunAsync(Invocation(arguments), bound?.Token ?? cancellationToken);
    }

    public static Value Command(params string[] argv) => Value.From(argv.Select(a => Value.From(a)));

    public static Value Args(params (string Name, Value Value)[] properties) =>
        Value.From(properties.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    public static string OutputText(Value output, string name) =>
        output.TryGetProperty(name, out var value) ? value.AsString() : throw new KeyNotFoundException(name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test left behind may still write here; the temp folder is cleaned eventually.
        }
    }
}
