using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Mcp.Tools.Catalog;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary>The incident score of <c>list_playbooks</c>: weights, unknown fields at half, globs, confidence, catch-alls.</summary>
public sealed class TriggerScorerTests
{
    [Theory]
    [InlineData("""{"type":"availability","service":"checkout","severity":"P1"}""", 0.5)] // fit 1 × evidence 5 / 10
    [InlineData("""{"type":"availability","service":"checkout"}""", 0.36)] // fit 4 / (4 + 1 / 2) × evidence 4 / 10
    [InlineData("""{"type":"availability"}""", 0.11)] // fit 2 / (2 + 3 / 2) × evidence 2 / 10
    [InlineData("""{"type":"capacity","service":"checkout"}""", 0.09)] // fit 2 / (2 + 2 + 1 / 2) × evidence 2 / 10
    [InlineData("""{"type":"capacity"}""", null)]
    [InlineData("""{"root_cause":"OOMKilled"}""", 0.3)] // trigger 2: the glob OOMKil?ed, evidence 3 / 10
    [InlineData("""{"root_cause":"OOMKilled","confidence":0.5}""", null)] // below trigger 2's min_confidence
    [InlineData("""{"ROOT-CAUSE":["disk","oomkilled"],"confidence":"0.95"}""", 0.4)] // root cause 3 + confidence 1
    [InlineData("\"payments is down (availability)\"", 0.36)] // words: fit 4 / (4 + 1 / 2) × evidence 4 / 10
    public void Score_Incident_BestTriggerScore(string incident, double? expected)
    {
        var match = new TriggerScorer().Score(Playbook(Triggers), Incident.From(JsonDocument.Parse(incident).RootElement));

        Assert.Equal(expected, match?.Score);
    }

    [Theory]
    [InlineData("  - severity: [P1]\n", 0.1, "severity")]
    [InlineData("  - source: [prometheus]\n", 0.1, "source")]
    [InlineData("  - type: [capacity]\n", 0.2, "type")]
    [InlineData("  - root_cause: \"Disk*\"\n", 0.3, "root_cause")]
    [InlineData("  - type: [capacity]\n    severity: [P1]\n", 0.3, "type,severity")]
    [InlineData("  - root_cause: \"Disk*\"\n    min_confidence: 0.7\n", 0.4, "root_cause,confidence")]
    [InlineData("  - type: [capacity]\n    source: [prometheus]\n    severity: [P1]\n", 0.4, "type,severity,source")]
    [InlineData("  - type: [capacity]\n    source: [prometheus]\n    root_cause: \"Disk*\"\n    severity: [P1]\n    min_confidence: 0.7\n", 0.8, "type,root_cause,severity,source,confidence")]
    [InlineData("  - type: [capacity]\n    source: [prometheus]\n    root_cause: \"Disk*\"\n    severity: [P3]\n    min_confidence: 0.7\n", 0.6, "type,root_cause,source,confidence")]
    public void Score_MoreAndMoreSpecificFieldsMatched_ScoresHigherAndNamesThem(string trigger, double expected, string matched)
    {
        var incident = """{"type":"capacity","source":"prometheus","root_cause":"DiskFull","confidence":0.9,"severity":"P1"}""";

        var match = new TriggerScorer().Score(Playbook(trigger), Incident.From(JsonDocument.Parse(incident).RootElement));

        Assert.Equal(expected, match?.Score);
        Assert.Equal(matched, string.Join(",", match!.Matched));
    }

    [Fact]
    public void Score_TwoTriggers_TheMoreSpecificMatchWins()
    {
        var match = new TriggerScorer().Score(
            Playbook("  - severity: [P1]\n  - type: [capacity]\n    root_cause: \"Disk*\"\n"),
            Incident.From(JsonDocument.Parse("""{"type":"capacity","root_cause":"DiskFull","severity":"P1"}""").RootElement));

        Assert.Equal(0.5, match?.Score);
        Assert.Equal(["type", "root_cause"], match!.Matched);
    }

    [Fact]
    public void Score_TriggerNamingNothing_MatchesAnyIncidentWeakly()
    {
        var match = new TriggerScorer().Score(Playbook("  - min_confidence: 0.5\n"), Incident.From(JsonDocument.Parse("\"anything\"").RootElement));

        Assert.Equal(TriggerScorer.CatchAll, match?.Score);
        Assert.Equal(["trigger 1 matches any incident"], match!.Reasons);
        Assert.Empty(match.Matched);
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
