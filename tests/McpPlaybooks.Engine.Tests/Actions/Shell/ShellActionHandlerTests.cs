using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Actions.Shell.ShellTestFolder;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

public sealed class ShellActionHandlerTests : IDisposable
{
    private readonly ShellTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_ExitZero_CapturesOutputWithoutOneFinalNewline()
    {
        var script = _folder.Script("ok.sh", "printf 'out\\nline 2\\n\\n'; printf 'err\\r\\n' >&2");

        var output = await _folder.RunAsync(Args(("command", Command(script))));

        Assert.Equal(0, output.TryGetProperty("exit_code", out var code) ? code.AsNumber() : -1);
        Assert.Equal("out\nline 2\n", OutputText(output, "stdout"));
        Assert.Equal("err", OutputText(output, "stderr"));
    }

    [Fact]
    public async Task RunAsync_ArgumentsWithSpacesAndNumbers_AreOneArgumentEach()
    {
        var script = _folder.Script("args.sh", "for a in \"$@\"; do printf '[%s]' \"$a\"; done");
        var command = Value.From([Value.From(script), Value.From("two words"), Value.From(""), Value.From(42), Value.From(1.5), Value.True]);

        var output = await _folder.RunAsync(Args(("command", command)));

        Assert.Equal("[two words][][42][1.5][true]", OutputText(output, "stdout"));
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_ThrowsWithExitCodeOutputAndLastStderrLine()
    {
        var script = _folder.Script("fail.sh", "echo partial; echo first >&2; echo 'disk full' >&2; echo >&2; exit 3");

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", Command(script, "now")))));

        Assert.Equal(3, e.ExitCode);
        Assert.Equal($"'{script} now' exited with code 3: disk full", e.Message);
        Assert.Equal("exec:" + script, e.Target);
        Assert.Equal("partial", OutputText(e.Output, "stdout"));
        Assert.Equal("first\ndisk full\n", OutputText(e.Output, "stderr"));
        Assert.Equal(3, e.Output.TryGetProperty("exit_code", out var code) ? code.AsNumber() : -1);
    }

    [Fact]
    public async Task RunAsync_Env_IsMergedOverTheInheritedEnvironment()
    {
        var script = _folder.Script("env.sh", "printf '%s %s %s' \"$GREETING\" \"$COUNT\" \"${HOME:+home-inherited}\"");
        var env = Args(("GREETING", Value.From("hello there")), ("COUNT", Value.From(42)));

        var output = await _folder.RunAsync(Args(("command", Command(script)), ("env", env)));

        Assert.Equal("hello there 42 home-inherited", OutputText(output, "stdout"));
    }

    [Fact]
    public async Task RunAsync_InheritedSecretVariable_IsNotVisibleToTheChild()
    {
        var suffix = Guid.NewGuid().ToString("N");
        var secret = "PLAYBOOK_SECRET_SHELLTEST_" + suffix;
        var plain = "SHELLTEST_PLAIN_" + suffix;
        var script = _folder.Script("env.sh", "env");
        Environment.SetEnvironmentVariable(secret, "s3cr3t-value");
        Environment.SetEnvironmentVariable(plain, "plain-value");
        try
        {
            var output = await _folder.RunAsync(Args(("command", Command(script))));
            var given = await _folder.RunAsync(Args(("command", Command(script)), ("env", Args((secret, Value.From("passed-explicitly"))))));

            Assert.Contains($"{plain}=plain-value", OutputText(output, "stdout"), StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t-value", OutputText(output, "stdout"), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, OutputText(output, "stdout"), StringComparison.Ordinal);
            Assert.Contains($"{secret}=passed-explicitly", OutputText(given, "stdout"), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(secret, null);
            Environment.SetEnvironmentVariable(plain, null);
        }
    }

    [Fact]
    public async Task RunAsync_Cwd_RunsThereAndResolvesRelativePathsFromIt()
    {
        var work = Directory.CreateDirectory(_folder.PathOf("work")).FullName;
        _folder.Script("work/here.sh", "pwd");

        var output = await _folder.RunAsync(Args(("command", Command("./here.sh")), ("cwd", Value.From(work))));

        Assert.Equal(work, OutputText(output, "stdout"));
    }

    [Fact]
    public async Task RunAsync_MissingCwd_IsAConfigurationError()
    {
        var missing = _folder.PathOf("nowhere");

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", Command("true")), ("cwd", Value.From(missing)))));

        Assert.Equal(ErrorCategory.Configuration, e.Category);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Stdin_IsWrittenAsUtf8ThenClosed()
    {
        var output = await _folder.RunAsync(Args(("command", Command("cat")), ("stdin", Value.From("héllo\nwörld ✓"))));

        Assert.Equal("héllo\nwörld ✓", OutputText(output, "stdout"));
    }

    [Fact]
    public async Task RunAsync_NoStdin_ChildSeesItClosed()
    {
        var output = await _folder.RunAsync(Args(("command", Command("cat"))));

        Assert.Equal("", OutputText(output, "stdout"));
    }

    [Fact]
    public async Task RunAsync_OutputOverTheBound_KeepsHeadAndTailOfBothStreams()
    {
        var body = "printf START; head -c 1048576 /dev/zero | tr '\\0' x; printf END";
        var script = _folder.Script("big.sh", $"({body}) >&2 & {body}; wait");

        var output = await _folder.RunAsync(Args(("command", Command(script))), _folder.Options(maxOutputBytes: 4096));

        foreach (var stream in new[] { "stdout", "stderr" })
        {
            var text = OutputText(output, stream);
            var marker = "\n…[1,044,488 of 1,048,584 bytes cut; only the head and tail are kept]…\n";
            Assert.Equal("START" + new string('x', 2043) + marker + new string('x', 2045) + "END", text);
        }

        Assert.Contains(_folder.Log.Lines, line => line.Level == ExecutionLogLevel.Warning && line.Message.StartsWith("stdout was 1048584 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ProgramNotFound_IsConfiguration127NamingThePath()
    {
        var env = Args(("PATH", Value.From(_folder.Path)));

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", Command("no-such-program-xyz")), ("env", env))));

        Assert.Equal(ErrorCategory.Configuration, e.Category);
        Assert.Equal(127, e.ExitCode);
        Assert.Equal("exec:no-such-program-xyz", e.Target);
        Assert.Contains("'no-such-program-xyz'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"PATH ({_folder.Path})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PathFromEnv_IsSearched()
    {
        var tool = _folder.Script("bin/my-tool", "printf found");
        var env = Args(("PATH", Value.From(Path.GetDirectoryName(tool) + ":/usr/bin:/bin")));

        var output = await _folder.RunAsync(Args(("command", Command("my-tool")), ("env", env)));

        Assert.Equal("found", OutputText(output, "stdout"));
    }

    [Fact]
    public async Task RunAsync_FileNotExecutable_IsConfiguration126()
    {
        var script = _folder.Script("plain.sh", "echo ran", executable: false);

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", Command(script)))));

        Assert.Equal(ErrorCategory.Configuration, e.Category);
        Assert.Equal(126, e.ExitCode);
        Assert.Contains(script, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "git")]
    [InlineData(false, "/usr/bin/touch-me.sh")]
    [InlineData(true, "touch-me.sh")]
    [InlineData(true, "{script}")]
    public async Task RunAsync_Allowlist_RefusesWhatItDoesNotName(bool allowed, string entry)
    {
        var script = _folder.Script("touch-me.sh", "touch STARTED");
        var options = _folder.Options(allowlist: ["printf", entry.Replace("{script}", script, StringComparison.Ordinal)]);
        var run = _folder.RunAsync(Args(("command", Command(script)), ("cwd", Value.From(_folder.Path))), options);

        if (allowed)
        {
            await run;
            Assert.True(File.Exists(_folder.PathOf("STARTED")));
        }
        else
        {
            var e = await Assert.ThrowsAsync<ActionFailedException>(() => run);
            Assert.Equal(ErrorCategory.Authorization, e.Category);
            Assert.Contains(script, e.Message, StringComparison.Ordinal);
            Assert.Contains($"(printf, {entry})", e.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(_folder.PathOf("STARTED")));
        }
    }

    [Fact]
    public async Task RunAsync_ScriptWhenNotAllowed_IsRefusedWithoutRunning()
    {
        var arguments = Args(("script", Value.From("touch STARTED")), ("cwd", Value.From(_folder.Path)));

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(arguments));

        Assert.Equal(ErrorCategory.Configuration, e.Category);
        Assert.Contains("AllowShellScripts", e.Message, StringComparison.Ordinal);
        Assert.Contains("command:", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.PathOf("STARTED")));
    }

    [Fact]
    public async Task RunAsync_ScriptWhenAllowed_RunsThroughBinSh()
    {
        var arguments = Args(("script", Value.From("echo abc | tr a-c x-z\nexit 0")));

        var output = await _folder.RunAsync(arguments, _folder.Options(allowScripts: true));

        Assert.Equal("xyz", OutputText(output, "stdout"));
    }

    [Theory]
    [InlineData("empty", "'command' is empty")]
    [InlineData("list-item", "argument 1 of the command is a list")]
    [InlineData("object-item", "argument 2 of the command is an object")]
    [InlineData("nul", "argument 1 of the command contains a NUL")]
    [InlineData("string", "'command' must be a list")]
    public async Task RunAsync_MalformedCommand_IsAValidationError(string kind, string expected)
    {
        var empty = Value.From(Array.Empty<KeyValuePair<string, Value>>());
        var command = kind switch
        {
            "empty" => Value.From(Array.Empty<Value>()),
            "list-item" => Value.From([Value.From("printf"), Value.From([Value.From("a")])]),
            "object-item" => Value.From([Value.From("printf"), Value.From("a"), empty]),
            "nul" => Command("printf", "a\0b"),
            _ => Value.From("printf hello"),
        };

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", command))));

        Assert.Equal(ErrorCategory.Validation, e.Category);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
