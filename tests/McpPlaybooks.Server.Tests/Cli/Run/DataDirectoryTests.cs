using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

public sealed class DataDirectoryTests
{
    private const string Current = "/work/here";

    [Fact]
    public void Resolve_Given_WinsOverEnvironment()
    {
        var directory = DataDirectory.Resolve("/data/given", Environment(("MCPPLAYBOOKS_DATA_DIR", "/data/env")), Current);

        Assert.Equal("/data/given", directory);
    }

    [Fact]
    public void Resolve_GivenRelative_TakenFromCurrentDirectory()
    {
        var directory = DataDirectory.Resolve("data", Environment(), Current);

        Assert.Equal("/work/here/data", directory);
    }

    [Fact]
    public void Resolve_Variable_WinsOverXdg()
    {
        var directory = DataDirectory.Resolve(null, Environment(("MCPPLAYBOOKS_DATA_DIR", "/data/env"), ("XDG_DATA_HOME", "/xdg")), Current);

        Assert.Equal("/data/env", directory);
    }

    [Fact]
    public void Resolve_XdgDataHome_UsedWithSubfolder()
    {
        var directory = DataDirectory.Resolve(null, Environment(("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/alice")), Current);

        Assert.Equal("/xdg/mcp-playbooks", directory);
    }

    [Fact]
    public void Resolve_NothingSet_UnderHomeLocalShare()
    {
        var directory = DataDirectory.Resolve(null, Environment(("HOME", "/home/alice"), ("XDG_DATA_HOME", "  ")), Current);

        Assert.Equal("/home/alice/.local/share/mcp-playbooks", directory);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
