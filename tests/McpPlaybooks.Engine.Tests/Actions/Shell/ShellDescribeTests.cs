using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Actions.Shell.ShellTestFolder;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

public sealed class ShellDescribeTests : IDisposable
{
    private readonly ShellTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Describe_Command_SaysWhatWouldRunWithoutStartingIt()
    {
        var script = _folder.Script("touch-me.sh", "touch STARTED");
        var env = Args(("A", Value.From("secret-a")), ("B", Value.From("secret-b")));
        var arguments = Args(
            ("command", Command(script, "my web", "it's")),
            ("cwd", Value.From(_folder.Path)),
            ("env", env),
            ("stdin", Value.From("héllo")));

        var sentence = new ShellActionHandler(_folder.Options()).Describe(arguments);

        Assert.Equal($"would run {script} 'my web' 'it'\\''s' (cwd {_folder.Path}; env A, B; stdin 6 bytes)", sentence);
        Assert.False(File.Exists(_folder.PathOf("STARTED")));
    }

    [Fact]
    public void Describe_RefusedCommand_SaysWhyWithoutStartingIt()
    {
        var script = _folder.Script("touch-me.sh", "touch STARTED");
        var arguments = Args(("command", Command(script)), ("cwd", Value.From(_folder.Path)));

        var sentence = new ShellActionHandler(_folder.Options(allowlist: ["git"])).Describe(arguments);

        Assert.StartsWith($"would run {script} (cwd {_folder.Path}), but it would be refused: ", sentence, StringComparison.Ordinal);
        Assert.Contains("allowlist", sentence, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.PathOf("STARTED")));
    }

    [Fact]
    public void Describe_Script_NamesTheShellAndTheFirstLine()
    {
        var arguments = Args(("script", Value.From("set -e\ntouch STARTED")), ("cwd", Value.From(_folder.Path)));

        var sentence = new ShellActionHandler(_folder.Options(allowScripts: true)).Describe(arguments);

        Assert.Equal($"would run /bin/sh -c 'set -e …' (cwd {_folder.Path})", sentence);
        Assert.False(File.Exists(_folder.PathOf("STARTED")));
    }

    [Fact]
    public void TargetOf_Command_IsTheProgramAsWrittenWithItsFirstArgumentsNeverTheInterpreterAlone()
    {
        var handler = new ShellActionHandler(_folder.Options());

        Assert.Equal("exec:my-tool restart web", handler.TargetOf(Args(("command", Command("my-tool", "restart", "web", "--now")))));
        Assert.Equal("exec:no-such-program-xyz", handler.TargetOf(Args(("command", Command("no-such-program-xyz")))));
        Assert.StartsWith("exec:/bin/sh -c [true] #", handler.TargetOf(Args(("script", Value.From("true")))), StringComparison.Ordinal);
        Assert.Null(handler.TargetOf(Args(("command", Value.From("not a list")))));
    }

    [Fact]
    public void Descriptor_IsTheShellDescriptor()
    {
        Assert.Equal("shell", new ShellActionHandler(_folder.Options()).Descriptor.Name);
    }
}
