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
}
