using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Memory;

/// <summary><c>serve</c>'s memory settings: <c>RetainHistoryDays</c> and <c>LearningMemory</c> from the configuration layers into the engine's options.</summary>
public sealed class MemorySettingsTests : IDisposable
{
    private readonly ServeOptionsFolder _folder = new();

    [Fact]
    public void Read_NothingConfigured_MemoryOnAndEverythingKept()
    {
        var options = Read([], []);

        Assert.True(options!.Server.Engine.LearningMemory);
        Assert.Null(options.Server.Engine.RetainAttemptsFor);
    }

    [Fact]
    public void Read_FileThenVariable_TheVariableWins()
    {
        _folder.Write("work/appsettings.json", """{ "RetainHistoryDays": 30, "LearningMemory": false }""");

        var fromFile = Read([], []);
        var fromVariable = Read(new() { ["MCPPLAYBOOKS_RETAIN_HISTORY_DAYS"] = "7", ["MCPPLAYBOOKS_LEARNING_MEMORY"] = "true" }, []);

        Assert.Equal(TimeSpan.FromDays(30), fromFile!.Server.Engine.RetainAttemptsFor);
        Assert.False(fromFile.Server.Engine.LearningMemory);
        Assert.Equal(TimeSpan.FromDays(7), fromVariable!.Server.Engine.RetainAttemptsFor);
        Assert.True(fromVariable.Server.Engine.LearningMemory);
    }

    [Fact]
    public void Read_BadValues_OneProblemEachNamingItsSource()
    {
        var settings = _folder.Write("work/appsettings.json", """{ "RetainHistoryDays": "forever" }""");
        var problems = new List<string>();
        var tooLong = new List<string>();

        var options = Read(new() { ["MCPPLAYBOOKS_LEARNING_MEMORY"] = "sometimes" }, problems);
        Read(new() { ["MCPPLAYBOOKS_RETAIN_HISTORY_DAYS"] = "5000" }, tooLong);

        Assert.Null(options);
        Assert.Equal(
            [
                $"RetainHistoryDays in {settings} must be a positive whole number, got 'forever'",
                "MCPPLAYBOOKS_LEARNING_MEMORY must be true or false, got 'sometimes'",
            ],
            problems);
        Assert.Equal(["MCPPLAYBOOKS_RETAIN_HISTORY_DAYS must be a number of days from 1 to 3650, got '5000'"], tooLong);
    }

    public void Dispose() => _folder.Dispose();

    private ServeOptions? Read(Dictionary<string, string> environment, List<string> problems) => _folder.Read(environment, problems);
}
