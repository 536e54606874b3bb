using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Server.Mcp.Tools.Memory;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Memory;

/// <summary>The ranking prior counts runs as the success rate does: a cancelled run is neither a success nor a failure.</summary>
public sealed class PastSuccessTests
{
    [Fact]
    public void Of_CancelledRuns_AreNotCounted()
    {
        var record = new PlaybookTrackRecord("p", 5, 1, 4, 1.0, null, null, [new IncidentTypeMetrics("outage", 3, 1, 2, 1.0)]);

        var all = PastSuccess.Of(record, []);
        var outage = PastSuccess.Of(record, ["outage"]);

        Assert.Equal(new PastSuccess(0.6, 1, 1, null), all);
        Assert.Equal(new PastSuccess(0.6, 1, 1, "outage"), outage);
    }

    [Fact]
    public void Of_IncidentTypeWithOnlyCancelledRuns_FallsBackToAllRuns()
    {
        var record = new PlaybookTrackRecord("p", 3, 2, 1, 1.0, null, null, [new IncidentTypeMetrics("outage", 1, 0, 1, null)]);

        Assert.Equal(new PastSuccess(0.67, 2, 2, null), PastSuccess.Of(record, ["outage"]));
    }

    [Fact]
    public void Of_IncidentTypeWithOtherCaseAndSpaces_CountsTheFoldedType()
    {
        var record = new PlaybookTrackRecord("p", 6, 4, 0, 0.67, null, null, [new IncidentTypeMetrics("outage", 4, 1, 0, 0.25)]);

        Assert.Equal(new PastSuccess(0.38, 1, 4, "outage"), PastSuccess.Of(record, [" Outage "]));
    }

    [Fact]
    public void Of_IncidentNamingTwoTypesWithRuns_SumsThem()
    {
        var record = new PlaybookTrackRecord("p", 6, 2, 0, 0.33, null, null,
            [new IncidentTypeMetrics("outage", 3, 1, 0, 0.33), new IncidentTypeMetrics("network", 2, 0, 0, 0.0)]);

        Assert.Equal(new PastSuccess(0.33, 1, 5, "outage or network"), PastSuccess.Of(record, ["network", "outage"]));
    }
}
