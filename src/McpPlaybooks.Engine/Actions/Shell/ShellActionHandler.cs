using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// The <c>shell</c> action: runs a program with an argument list, never through a shell (a
/// <c>script:</c> only when the configuration allows it). Templated arguments may not start with
/// '-', the executable may be restricted by an allowlist, inherited <c>PLAYBOOK_SECRET_*</c>
/// variables never reach the child, output is bounded, and a cancelled run has all of its processes
/// stopped (<see cref="ProcessRunner"/>). Output: <c>exit_code</c>, <c>stdout</c>, <c>stderr</c>.
/// </summary>
public sealed class ShellActionHandler : IActionHandler
{
    private const int MaxReasonLength = 300;

    private readonly EngineOptions _options;
    private readonly ProcessRunner _runner;

    public ShellActionHandler(EngineOptions options)
        : this(options, TimeProvider.System)
    {
    }

    public ShellActionHandler(EngineOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _runner = new ProcessRunner(options.MaxOutputBytes, timeProvider);
    }

    public ActionDescriptor Descriptor => ShellAction.Descriptor;

    public string? TargetOf(Value arguments)
    {
        ShellRequest request;
        try
        {
            request = ShellRequestParser.Parse(arguments);
        }
        catch (ActionFailedException)
        {
            return null;
        }

        return ShellTarget.Of(request.Command);
    }

    public string Describe(Value arguments) => Describe(arguments, SecretMasker.None);

    public string Describe(Value arguments, SecretMasker masker)
    {
        ShellRequest request;
        try
        {
            request = ShellRequestParser.Parse(arguments);
        }
        catch (ActionFailedException e)
        {
            return $"would refuse to run: {e.Message}";
        }

        var details = new List<string>();
        if (request.WorkingDirectory is not null)
        {
            details.Add($"cwd {request.WorkingDirectory}");
        }

        if (request.Environment.Count > 0)
        {
            details.Add($"env {string.Join(", ", request.Environment.Select(pair => pair.Key))}");
        }

        if (request.Stdin is not null)
        {
            details.Add($"stdin {Encoding.UTF8.GetByteCount(request.Stdin)} bytes");
        }

        var sentence = $"would run {ShellDisplay.Command(request, masker)}" + (details.Count > 0 ? $" ({string.Join("; ", details)})" : "");
        try
        {
            Preflight(request);
            return sentence;
        }
        catch (ActionFailedException e)
        {
            return $"{sentence}, but it would be refused: {e.Message}";
        }
    }

    public ActionFailedException? Refusal(Value arguments, ObjectTemplate with, IExpressionScope scope) => ActionRefusal.Of(() => Checked(arguments, with));

    public async Task<Value> RunAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (request, executable, workingDirectory) = Checked(invocation.Arguments, invocation.With);
        var display = ShellDisplay.Command(request, invocation.Masker);
        ProcessResult result;
        try
        {
            result = await _runner.RunAsync(StartInfo(request, executable, workingDirectory), request.Stdin, invocation.Log, invocation.ProcessStarted, invocation.ProcessMarker, cancellationToken);
        }
        catch (Win32Exception e)
        {
            throw new ActionFailedException($"'{display}' could not be started: {e.Message}", e)
            {
                Category = ErrorCategory.Configuration,
                Target = executable.Target,
            };
        }

        WarnWhenCut(invocation.Log, "stdout", result.Stdout);
        WarnWhenCut(invocation.Log, "stderr", result.Stderr);
        var stdout = result.Stdout.ToText(invocation.Masker);
        var stderr = result.Stderr.ToText(invocation.Masker);
        var output = Value.From(
        [
            new KeyValuePair<string, Value>("exit_code", Value.From(result.ExitCode)),
            new KeyValuePair<string, Value>("stdout", Value.From(stdout)),
            new KeyValuePair<string, Value>("stderr", Value.From(stderr)),
        ]);
        if (result.ExitCode == 0)
        {
            return output;
        }

        var reason = ShellDisplay.LastLine(stderr, MaxReasonLength, invocation.Masker) ?? ShellDisplay.LastLine(stdout, MaxReasonLength, invocation.Masker);
        throw new ActionFailedException($"'{display}' exited with code {result.ExitCode}" + (reason is null ? "" : $": {reason}"))
        {
            ExitCode = result.ExitCode,
            Output = output,
            Target = executable.Target,
        };
    }

    // The checks that need the file system but start nothing, in order: scripts allowed, the directory, the executable, the allowlist.
    /// <summary>Everything checked before a process starts: the arguments, templated dashes and environment, the program, its folder.</summary>
    private (ShellRequest Request, ResolvedExecutable Executable, string WorkingDirectory) Checked(Value arguments, ObjectTemplate with)
    {
        var request = ShellRequestParser.Parse(arguments);
        if (!request.IsScript && !request.AllowDashArguments)
        {
            DashArgumentCheck.Check(request.Command, with["command"]);
        }

        EnvironmentTemplateCheck.Check(request.Environment, with);
        var (executable, workingDirectory) = Preflight(request);
        return (request, executable, workingDirectory);
    }

    private (ResolvedExecutable Executable, string WorkingDirectory) Preflight(ShellRequest request)
    {
        if (request.IsScript && !_options.AllowShellScripts)
        {
            throw new ActionFailedException(
                "shell scripts are disabled: 'script:' runs through /bin/sh only when the server's configuration allows it " +
                "(EngineOptions.AllowShellScripts); prefer 'command:', a list with one item per argument that never goes through a shell")
            {
                Category = ErrorCategory.Configuration,
                Target = "exec:" + ShellRequest.ScriptShell,
            };
        }

        var workingDirectory = WorkingDirectoryOf(request);
        if (request.WorkingDirectory is not null && !Directory.Exists(workingDirectory))
        {
            throw new ActionFailedException($"the working directory '{request.WorkingDirectory}' does not exist (cwd: {workingDirectory})")
            {
                Category = ErrorCategory.Configuration,
            };
        }

        var executable = Resolve(request, workingDirectory);
        switch (executable.Status)
        {
            case ExecutableStatus.NotFound:
                throw new ActionFailedException(executable.SearchedPath
                    ? $"the executable '{executable.Name}' was not found on PATH ({executable.SearchedIn}); install it, give its full path, or set PATH in the step's env"
                    : $"the executable '{executable.Name}' was not found (looked for {executable.SearchedIn})")
                {
                    Category = ErrorCategory.Configuration,
                    ExitCode = 127,
                    Target = executable.Target,
                };
            case ExecutableStatus.NotExecutable:
                throw new ActionFailedException($"the executable '{executable.Name}' ({executable.FullPath}) is not executable: it is a directory or lacks execute permission")
                {
                    Category = ErrorCategory.Configuration,
                    ExitCode = 126,
                    Target = executable.Target,
                };
        }

        if (!ExecutableAllowlist.Permits(_options.ExecutableAllowlist, executable.FullPath!))
        {
            throw new ActionFailedException(
                $"the executable '{executable.Name}' ({executable.FullPath}) is not on the executable allowlist " +
                $"({string.Join(", ", _options.ExecutableAllowlist)}); add it to the server's configuration to allow it")
            {
                Category = ErrorCategory.Authorization,
                Target = executable.Target,
            };
        }

        return (executable, workingDirectory);
    }

    private static ResolvedExecutable Resolve(ShellRequest request, string workingDirectory) =>
        ExecutableResolver.Resolve(
            request.Program,
            request.PathOverride ?? System.Environment.GetEnvironmentVariable("PATH"),
            workingDirectory);

    private static string WorkingDirectoryOf(ShellRequest request) =>
        request.WorkingDirectory is null ? System.Environment.CurrentDirectory : Path.GetFullPath(request.WorkingDirectory);

    private static ProcessStartInfo StartInfo(ShellRequest request, ResolvedExecutable executable, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(executable.FullPath!)
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in request.Command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Secrets reach a child only when the step passes them in env:.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith(SecretStore.EnvironmentPrefix, StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in request.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    private void WarnWhenCut(IActionLog log, string stream, BoundedTextCapture capture)
    {
        var cut = capture.CutBytes;
        if (cut > 0)
        {
            log.Write(ExecutionLogLevel.Warning, $"{stream} was {capture.TotalBytes} bytes, more than the bound of {_options.MaxOutputBytes}: kept its head and tail, cut the middle");
        }
    }
}
