using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Tests.Cli.Control;

public sealed class ResumeWriterTests
{
    [Fact]
    public void Json_HeldExecution_LeaseInTheStateTimeFormat()
    {
        var at = new DateTimeOffset(2026, 5, 4, 12, 30, 15, 250, TimeSpan.FromHours(2));
        var record = Held(at, "host:42:abcd");

        using var document = JsonDocument.Parse(ResumeWriter.Json([], [record]));

        var held = Assert.Single(document.RootElement.GetProperty("held").EnumerateArray());
        Assert.Equal("2026-05-04T10:30:15.250Z", held.GetProperty("lease_expires_at").GetString());
    }

    [Fact]
    public void Held_ALeasedExecution_SaysWhoHoldsItUntilWhenAndWhatToDoAfter()
    {
        var at = new DateTimeOffset(2026, 5, 4, 12, 30, 15, TimeSpan.Zero);
        var record = Held(at, "other-host:42:abcd");

        Assert.Equal(
            "ex-1 (running) is held by other-host:42:abcd until 12:30:15Z (its lease); not taken over: if that process has stopped, run 'resume' again after that time",
            ResumeWriter.Held(record));
    }

    private static ExecutionRecord Held(DateTimeOffset at, string owner) => new()
    {
        Id = "ex-1",
        PlaybookId = "p",
        PlaybookVersion = "1.0.0",
        PlaybookSha256 = "",
        Status = ExecutionStatus.Running,
        CreatedAt = at,
        UpdatedAt = at,
        OwnerId = owner,
        LeaseExpiresAt = at,
    };
}
