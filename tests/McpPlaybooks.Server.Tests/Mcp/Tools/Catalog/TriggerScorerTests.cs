using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Mcp.Tools.Catalog;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary>The incident score of <c>list_playbooks</c>: weights, unknown fields at half, globs, confidence, catch-alls.</summary>
public sealed class TriggerScorerTests
{
    [Theory]
    [InlineData("""{"type":"availability","service":"checkout","severity":"P1"}""", 1.0)]
    [InlineData("""{"type":"availability","service":"checkout"}""", 0.89)] // 4 / (4 + 1 / 2)
    [InlineData("""{"type":"availability"}""", 0.57)] // 2 / (2 + 3 / 2)
    [InlineData("""{"type":"capacity","service":"checkout"}""", 0.44)] // 2 / (2 + 2 + 1 / 2)
    [InlineData("""{"type":"capacity"}""", null)]
    [InlineData("""{"root_cause":"OOMKilled"}""", 1.0)] // trigger 2: the glob OOMKil?ed
    [InlineData("""{"root_cause":"OOMKilled","confidence":0.5}""", null)] // below trigger 2's min_confidence
    [InlineData("""{"ROOT-CAUSE":["disk","oomkilled"],"confidence":"0.95"}""", 1.0)]
    [InlineData("\"payments is down (availability)\"", 0.89)] // words: 4 / (4 + 1 / 2)
    public void Score_Incident_BestTriggerScore(string incident, double? expected)
    {
        var match = new TriggerScorer().Score(Playbook(Triggers), Incident.From(JsonDocument.Parse(incident).RootElement));

        Assert.Equal(expected, match?.Score);
    }

    [Fact]
    public void Score_TriggerNamingNothing_MatchesAnyIncidentWeakly()
    {
        var match = new TriggerScorer().Score(Playbook("  - min_confidence: 0.5\n"), Incident.From(JsonDocument.Parse("\"anything\"").RootElement));

        Assert.Equal(TriggerScorer.CatchAll, match?.Score);
        Assert.Equal(["trigger 1 matches any incident"], match!.Reasons);
    }

    [Fact]
    public void Score_NoTriggers_NoMatch() =>
        Assert.Null(new TriggerScorer().Score(Playbook(""), Incident.From(JsonDocument.Parse("""{"type":"x"}""").RootElement)));

    private const string Triggers = """
          - type: [availability]
            service: [checkout, payments]
            severity: [P1, P2]
          - root_cause: "OOMKil?ed"
            min_confidence: 0.9

        """;

    private static PlaybookDefinition Playbook(string triggers)
    {
        var text = "id: scored\nname: Scored\nversion: 1.0.0\n" + (triggers.Length > 0 ? "triggers:\n" + triggers : "")
            + "timeout: 1m\nsteps:\n  - id: only\n    action: log\n    timeout: 1s\n    with: { message: m }\n";
        var report = new PlaybookValidator().ValidateText(text, "scored.yaml");
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics.Select(d => d.Format("scored.yaml"))));
        return report.Playbook!;
    }
}
