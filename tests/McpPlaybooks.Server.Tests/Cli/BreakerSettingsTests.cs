using McpPlaybooks.Server.Hosting;

namespace McpPlaybooks.Server.Tests.Cli;

/// <summary><c>serve</c>'s circuit-breaker settings, <c>Resilience:Breaker:*</c>, from the configuration layers into the engine's options.</summary>
public sealed class BreakerSettingsTests : IDisposable
{
    private readonly ServeOptionsFolder _folder = new();

    [Fact]
    public void Read_NothingConfigured_TheDefaultsForALowVolumeEngine()
    {
        var breakers = Read([], [])!.Server.Engine.Breakers;

        Assert.Equal((true, 5, 0.6, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30)), (breakers.Enabled, breakers.MinimumCalls, breakers.FailureRatio, breakers.Window, breakers.OpenDuration));
    }

    [Fact]
    public void Read_FileThenVariable_TheVariableWins()
    {
        _folder.Write("work/appsettings.json", """
            { "Resilience": { "Breaker": { "MinimumCalls": 8, "FailureRatio": 0.75, "WindowSeconds": 300, "OpenSeconds": 60, "Enabled": false } } }
            """);

        var fromFile = Read([], [])!.Server.Engine.Breakers;
        var fromVariable = Read(new() { ["MCPPLAYBOOKS_RESILIENCE_BREAKER_MINIMUM_CALLS"] = "10", ["MCPPLAYBOOKS_RESILIENCE_BREAKER_ENABLED"] = "true" }, [])!.Server.Engine.Breakers;

        Assert.Equal((false, 8, 0.75, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)), (fromFile.Enabled, fromFile.MinimumCalls, fromFile.FailureRatio, fromFile.Window, fromFile.OpenDuration));
        Assert.Equal((true, 10, 0.75), (fromVariable.Enabled, fromVariable.MinimumCalls, fromVariable.FailureRatio));
    }

    [Fact]
    public void Read_BadValues_OneProblemEachNamingItsSourceAndTheRange()
    {
        var settings = _folder.Write("work/appsettings.json", """
            { "Resilience": { "Breaker": { "MinimumCalls": 1, "FailureRatio": 1.5 } } }
            """);
        var problems = new List<string>();

        var options = Read(new() { ["MCPPLAYBOOKS_RESILIENCE_BREAKER_WINDOW_SECONDS"] = "two minutes", ["MCPPLAYBOOKS_RESILIENCE_BREAKER_OPEN_SECONDS"] = "0", ["MCPPLAYBOOKS_RESILIENCE_BREAKER_ENABLED"] = "maybe" }, problems);

        Assert.Null(options);
        Assert.Equal(
            [
                "MCPPLAYBOOKS_RESILIENCE_BREAKER_ENABLED must be true or false, got 'maybe'",
                $"Resilience:Breaker:MinimumCalls in {settings} must be a whole number from 2 to 10000, got '1'",
                $"Resilience:Breaker:FailureRatio in {settings} must be a number above 0 and at most 1 (0.6 is 60 %), got '1.5'",
                "MCPPLAYBOOKS_RESILIENCE_BREAKER_WINDOW_SECONDS must be a whole number of seconds from 1 to 86400, got 'two minutes'",
                "MCPPLAYBOOKS_RESILIENCE_BREAKER_OPEN_SECONDS must be a whole number of seconds from 1 to 86400, got '0'",
            ],
            problems);
    }

    public void Dispose() => _folder.Dispose();

    private ServeOptions? Read(Dictionary<string, string> environment, List<string> problems) => _folder.Read(environment, problems);
}
